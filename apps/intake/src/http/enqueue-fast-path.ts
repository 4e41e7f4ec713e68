import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import type { Logger } from 'pino';
import {
  CORRELATION_HEADER,
  correlationIdOf,
  errorResponse,
  METRICS_REGISTRY,
  PINO_LOGGER,
  type PlatformMetrics,
  requestContext,
} from '@incident/platform';
import { IntakeGateway } from '../ingest/intake-gateway';
import { RateLimited } from '../integrations/rate-limiter';
import { enqueuePagerDutyEvent } from '../pagerduty/pagerduty-enqueue';
import { BODY_NOT_JSON, BODY_TOO_LARGE, MAX_BODY_BYTES } from './json-body-parser';

const ROUTE = '/v2/enqueue';
const JSON_TYPE = 'application/json; charset=utf-8';

/** A body the fast path decodes as body-parser would: not compressed, UTF-8. Anything else goes the long way. */
function plainUtf8(request: IncomingMessage): boolean {
  const encoding = request.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return false;
  const type = request.headers['content-type']?.toLowerCase() ?? '';
  const charset = /charset=\s*"?([^";\s]+)/.exec(type)?.[1];
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
}

/** body-parser's strict JSON: empty is `{}`, else it must start with `{` or `[`; a BOM is dropped. */
function parseStrict(raw: Buffer): unknown {
  let text = raw.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length === 0) return {};
  // The first character after JSON's whitespace, by char code: a regular expression here cost more than the rest.
  let at = 0;
  let code = text.charCodeAt(at);
  while (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) code = text.charCodeAt((at += 1));
  if (code !== 0x7b && code !== 0x5b) throw new SyntaxError('not a JSON object or array');
  return JSON.parse(text);
}

function readBody(request: IncomingMessage): Promise<Buffer | 'too large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return resolve('too large');
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? 'too large' : Buffer.concat(chunks, size)));
    request.on('error', reject);
    // A client gone before the end of its body: nothing to answer. Every request closes once answered, and an
    // Error made then (its stack captured, to be ignored) was 2-3 % of intake's CPU under a storm.
    request.on('close', () => {
      if (!request.complete) reject(new Error('the request closed before its body ended'));
    });
  });
}

/** This route, with a body this path decodes as body-parser would. */
function servedHere(request: IncomingMessage): boolean {
  if (request.method !== 'POST') return false;
  const url = request.url ?? '';
  const path = url.length === ROUTE.length ? url : url.split('?', 1)[0];
  return path === ROUTE && plainUtf8(request);
}

/**
 * Serves `POST /v2/enqueue`, the one-alert-per-request route of alert storms, straight off Node's request: ahead of
 * Express's router and body parser and of Nest's guards, interceptors and filters, which together cost more CPU
 * per alert than everything intake itself does with it (the profile in apps/intake/README.md). What the route
 * promises is kept, by calling the same code the controller calls (`enqueuePagerDutyEvent`: compiled validation,
 * the gateway's 401/403/429, 202 only once durable) and the platform's error mapping (`errorResponse`), and
 * what the platform's middlewares give every route is done here too: the correlation id (taken or made, echoed,
 * in the request context), the log line per request and the request-duration metric. The route is public (no
 * bearer token: the integration key is in the body), so no guard is skipped.
 *
 * Installed from a provider's constructor, like JsonBodyParser, so before every other middleware. Bodies it does
 * not decode as body-parser would (compressed, not UTF-8) pass on to the controller.
 */
@Injectable()
export class EnqueueFastPath implements OnModuleInit {
  private intake!: IntakeGateway;

  // Nothing asynchronous to wait for here (the gateway, which connects to PostgreSQL, is looked up at init), so
  // this constructor runs before JsonBodyParser's, the next provider, and its middleware comes first.
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly modules: ModuleRef,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    @Inject(METRICS_REGISTRY) private readonly metrics: PlatformMetrics,
  ) {
    adapterHost.httpAdapter.use((request: IncomingMessage, response: ServerResponse, next: () => void) => {
      if (!servedHere(request)) return next();
      void this.serve(request, response);
    });
  }

  onModuleInit(): void {
    this.intake = this.modules.get(IntakeGateway);
    // Ahead of Express itself where the server exists by now (it does under NestFactory): Express's own set-up of
    // every request (prototypes swapped, query parsed, its router walked) cost more than this route's parsing. The
    // middleware above stays for the requests that reach Express anyway (an adapter without a server here).
    const server = this.adapterHost.httpAdapter?.getHttpServer?.() as Server | undefined;
    if (server && typeof server.listeners === 'function') this.serveAheadOf(server);
  }

  private serveAheadOf(server: Server): void {
    const others = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      if (servedHere(request)) return void this.serve(request, response);
      for (const listener of others) listener.call(server, request, response);
    });
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const startedAt = process.hrtime.bigint();
    const correlationId = correlationIdOf(request);
    const [status, body, headers] = await requestContext.run({ correlationId }, () => this.answer(request));
    const text = JSON.stringify(body);
    // With its length given, the response goes out as one plain write, not chunked (size line, body, last chunk).
    response.writeHead(status, {
      ...headers,
      'content-type': JSON_TYPE,
      'content-length': Buffer.byteLength(text),
      [CORRELATION_HEADER]: correlationId,
    });
    response.end(text);
    const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
    this.metrics.httpRequestDuration.observe({ method: 'POST', route: ROUTE, status_code: String(status) }, seconds);
    // The same line, at the same level, as the platform's request logging writes for every other route.
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    if (this.logger.isLevelEnabled(level)) {
      this.logger[level](
        {
          req: { method: 'POST', url: request.url },
          res: { statusCode: status },
          responseTime: Math.round(seconds * 1000),
          correlationId,
        },
        status >= 500 ? 'request errored' : 'request completed',
      );
    }
  }

  private async answer(request: IncomingMessage): Promise<[number, unknown, Record<string, string>]> {
    let parsed: unknown;
    try {
      const raw = await readBody(request);
      if (raw === 'too large') return [413, BODY_TOO_LARGE, {}];
      parsed = parseStrict(raw);
    } catch {
      return [400, BODY_NOT_JSON, {}];
    }
    try {
      return [202, await enqueuePagerDutyEvent(this.intake, parsed), {}];
    } catch (error) {
      const answer = errorResponse(error, requestContext.getStore()?.correlationId ?? 'unknown');
      if (answer.unexpected) {
        this.logger.error({ err: error, method: 'POST', url: request.url }, 'request failed');
      }
      const retryAfter = error instanceof RateLimited ? error.retryAfterSeconds : answer.retryAfterSeconds;
      return [answer.status, answer.body, retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) }];
    }
  }
}
