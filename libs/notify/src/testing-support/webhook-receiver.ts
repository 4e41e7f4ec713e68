import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IDEMPOTENCY_KEY_HEADER, SIGNATURE_HEADER, verifyWebhookSignature } from '../channels/webhook-signature';
import type { WebhookPayload } from '../channels/webhook.channel';

export interface ReceivedWebhook {
  readonly path: string;
  readonly idempotencyKey: string | undefined;
  /** Whether the signature header verified against the raw body with the receiver's secret. */
  readonly signature: 'valid' | string;
  readonly payload: WebhookPayload;
  /** The status this receiver answered. */
  readonly status: number;
}

/**
 * A real HTTP receiver on 127.0.0.1, as a chat tool or an SMS gateway would be: verifies each request's
 * signature, answers with the status scripted for its path (200 once the script runs out), and remembers
 * everything. Honours idempotency keys the way a well-behaved receiver does: `accepted` counts each key once.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly scripts = new Map<string, number[]>();

  private constructor(
    private readonly server: Server,
    private readonly secret: string,
    readonly baseUrl: string,
  ) {}

  static async start(secret: string): Promise<WebhookReceiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const receiver = new WebhookReceiver(server, secret, `http://127.0.0.1:${port}`);
    server.on('request', (request, response) => {
      void receiver.handle(request).then((status) => response.writeHead(status).end(status < 300 ? 'ok' : 'no'));
    });
    return receiver;
  }

  url(path: string): string {
    return `${this.baseUrl}/${path}`;
  }

  /** The next requests to `path` are answered with these statuses, in order. */
  script(path: string, ...statuses: number[]): void {
    this.scripts.set(`/${path}`, statuses);
  }

  /** Requests accepted (2xx, valid signature), one per idempotency key. */
  acceptedKeys(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const webhook of this.received) {
      if (webhook.status >= 300 || webhook.signature !== 'valid' || webhook.idempotencyKey === undefined) continue;
      counts.set(webhook.idempotencyKey, (counts.get(webhook.idempotencyKey) ?? 0) + 1);
    }
    return counts;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage): Promise<number> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const header = request.headers[SIGNATURE_HEADER.toLowerCase()];
    const check = verifyWebhookSignature(
      this.secret,
      typeof header === 'string' ? header : undefined,
      body,
      new Date(),
    );
    const path = request.url ?? '/';
    const scripted = this.scripts.get(path)?.shift();
    const status = check.valid ? (scripted ?? 200) : 401;
    const key = request.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
    this.received.push({
      path,
      idempotencyKey: typeof key === 'string' ? key : undefined,
      signature: check.valid ? 'valid' : check.reason,
      payload: JSON.parse(body) as WebhookPayload,
      status,
    });
    return status;
  }
}
