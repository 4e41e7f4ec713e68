import type { IncomingMessage, ServerResponse } from 'node:http';

const LIMIT_BYTES = 64 * 1024;

type RawRequest = IncomingMessage & { body?: unknown; _body?: boolean };

/**
 * Keeps a route's body as the exact text sent: a signature is over the bytes, and JSON parsed and serialised
 * again need not give them back. Installed with `app.use(path, …)` before the app initialises, so it runs before
 * the platform's JSON parser, which then leaves the request alone (`_body` says it was read).
 */
export function keepRawBody(request: RawRequest, response: ServerResponse, next: (error?: unknown) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= LIMIT_BYTES) chunks.push(chunk);
  });
  request.on('error', next);
  request.on('end', () => {
    if (size > LIMIT_BYTES) {
      response.writeHead(413, { 'Content-Type': 'application/json' }).end('{"message":"body too large"}');
      return;
    }
    request.body = Buffer.concat(chunks).toString('utf8');
    request._body = true;
    next();
  });
}
