import type { Request } from 'express';

/** Request headers a service may see from the browser; the cookie, the CSRF token and the rest stay here. */
const FORWARDED_REQUEST_HEADERS = ['accept', 'content-type', 'accept-language', 'if-none-match', 'if-modified-since'];

/** Response headers passed back; nothing about cookies, CORS or the connection. */
const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'content-disposition',
  'cache-control',
  'etag',
  'last-modified',
  'retry-after',
  'location',
  'x-correlation-id',
];

export interface UpstreamAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/**
 * The body to send on: JSON that Nest's body parser already read is written again; any other type was left
 * unread by the parser and is streamed on as it came.
 */
function bodyOf(request: Request): { body?: string | AsyncIterable<Uint8Array>; duplex?: 'half' } {
  if (request.method === 'GET' || request.method === 'HEAD') return {};
  if (request.body !== undefined && typeof request.body === 'object' && request.readableEnded) {
    return { body: JSON.stringify(request.body) };
  }
  const length = request.headers['content-length'];
  if (length === undefined && request.headers['transfer-encoding'] === undefined) return {};
  return { body: request, duplex: 'half' };
}

/** One call to the owning service, as the signed-in person (a bearer token minted for them). */
export async function callUpstream(
  request: Request,
  target: URL,
  bearer: string,
  correlationId: string | undefined,
): Promise<UpstreamAnswer> {
  const headers: Record<string, string> = { authorization: `Bearer ${bearer}` };
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  if (correlationId) headers['x-correlation-id'] = correlationId;
  const body = bodyOf(request);
  // What the body parser read (JSON or a form) goes on as JSON, the only body the services take.
  if (typeof body.body === 'string') headers['content-type'] = 'application/json';
  const response = await fetch(target, {
    method: request.method,
    headers,
    redirect: 'manual',
    signal: AbortSignal.timeout(30_000),
    ...body,
  } as RequestInit);
  const answer: Record<string, string> = {};
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) answer[name] = value;
  }
  return { status: response.status, headers: answer, body: Buffer.from(await response.arrayBuffer()) };
}
