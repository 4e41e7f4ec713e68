import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { requestContext } from './request-context';

export const CORRELATION_HEADER = 'x-correlation-id';
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller's correlation id is kept when it looks like an id; anything else is replaced, never logged raw. */
export function correlationIdOf(req: IncomingMessage): string {
  const given = req.headers[CORRELATION_HEADER] ?? req.headers['x-request-id'];
  const candidate = Array.isArray(given) ? given[0] : given;
  return candidate && ACCEPTED_ID.test(candidate) ? candidate : randomUUID();
}

/**
 * One log line per request (method, route, status, duration) carrying the correlation id, which is also
 * echoed in the response header and held in the request context for everything the request triggers.
 */
export function httpLoggingMiddleware(logger: Logger) {
  const httpLogger = pinoHttp({
    logger,
    genReqId: (req, res) => {
      const id = correlationIdOf(req);
      res.setHeader(CORRELATION_HEADER, id);
      return id;
    },
    customAttributeKeys: { reqId: 'correlationId' },
    autoLogging: { ignore: (req) => req.url === '/metrics' || (req.url ?? '').startsWith('/health/') },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    serializers: {
      req: (req: { method?: string; url?: string }) => ({ method: req.method, url: req.url }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  });
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    httpLogger(req, res);
    const correlationId = String((req as IncomingMessage & { id: unknown }).id);
    requestContext.run({ correlationId }, next);
  };
}
