import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An executor endpoint that applies each idempotency key's effect once (as a well-behaved receiver does) and
 * counts every request per key. The first request is held unanswered, so a test can kill the caller between its
 * call and the recording of the result.
 */
export class HoldingReceiver {
  readonly requests = new Map<string, number>();
  readonly effects = new Set<string>();
  private held: ServerResponse | undefined;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<HoldingReceiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const receiver = new HoldingReceiver(server, `http://127.0.0.1:${port}/restart`);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => receiver.handle(request, response));
    return receiver;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    request.resume();
    const key = String(request.headers['idempotency-key'] ?? 'none');
    const seen = this.requests.get(key) ?? 0;
    this.requests.set(key, seen + 1);
    this.effects.add(key);
    if (this.held === undefined) {
      this.held = response;
      return;
    }
    response.writeHead(200).end(seen > 0 ? 'already done' : 'done');
  }
}
