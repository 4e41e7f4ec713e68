import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A self-signed certificate for 127.0.0.1, made with openssl for this test run only. */
export async function selfSignedCertificate(): Promise<{ key: string; cert: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'tls-proxy-'));
  try {
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(folder, 'key.pem'),
      '-out',
      join(folder, 'cert.pem'),
    ]);
    return { key: readFileSync(join(folder, 'key.pem'), 'utf8'), cert: readFileSync(join(folder, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * An HTTPS endpoint in front of a plain-HTTP service, as a load balancer terminating TLS would be: clients that
 * insist on `https://` (PagerDuty's pdjs builds `https://${server}/v2/...`) reach the service through it.
 */
export class TlsProxy {
  private constructor(
    private readonly server: Server,
    readonly host: string,
  ) {}

  static async start(target: string, credentials: { key: string; cert: string }): Promise<TlsProxy> {
    const server = createServer(credentials, (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const headers: Record<string, string> = {};
        for (const name of ['content-type', 'authorization', 'user-agent', 'x-integration-key']) {
          const value = request.headers[name];
          if (typeof value === 'string') headers[name] = value;
        }
        fetch(`${target}${request.url ?? '/'}`, {
          method: request.method ?? 'GET',
          headers,
          ...(chunks.length > 0 && { body: Buffer.concat(chunks) }),
        }).then(
          async (answer) => {
            const retryAfter = answer.headers.get('retry-after');
            response.writeHead(answer.status, {
              'content-type': answer.headers.get('content-type') ?? 'application/json',
              ...(retryAfter !== null && { 'retry-after': retryAfter }),
            });
            response.end(Buffer.from(await answer.arrayBuffer()));
          },
          (error: unknown) => {
            response.writeHead(502).end(String(error));
          },
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new TlsProxy(server, `127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    return closed;
  }
}
