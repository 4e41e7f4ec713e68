import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NotificationMessage } from '../message';
import { WebhookReceiver } from '../testing-support/webhook-receiver';
import { WebhookChannel } from './webhook.channel';

const SECRET = 'webhook-secret-0123456789abcdefghijklm';

const page = (address: string): NotificationMessage => ({
  kind: 'page',
  subject: 'checkout is down (level 1)',
  text: 'Acknowledge within 5 minutes.',
  links: [{ action: 'acknowledge', label: 'Acknowledge', url: 'https://esc.example/v1/links/v1.a.b' }],
  recipient: { id: 'alice', name: 'Alice Moreau', contact: { kind: 'webhook', address } },
  incidentId: 'incident-1',
  severity: 'urgent',
  details: { level: 1, team: 'customer-success' },
});

describe('WebhookChannel against a real HTTP receiver on 127.0.0.1', () => {
  let receiver: WebhookReceiver;
  const channel = new WebhookChannel({ signingSecret: SECRET, timeoutMs: 2_000 });

  beforeAll(async () => {
    receiver = await WebhookReceiver.start(SECRET);
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it('POSTs signed JSON with the idempotency key and a Slack-compatible text', async () => {
    const outcome = await channel.deliver(page(receiver.url('hooks/alice')), { idempotencyKey: 'page:1:1:1:alice' });
    expect(outcome).toEqual({
      status: 'delivered',
      channel: 'webhook',
      contact: { kind: 'webhook', address: receiver.url('hooks/alice') },
      idempotencyKey: 'page:1:1:1:alice',
      receipt: { code: 200, response: 'ok' },
    });
    const [received] = receiver.received.filter((webhook) => webhook.path === '/hooks/alice');
    expect(received).toMatchObject({ idempotencyKey: 'page:1:1:1:alice', signature: 'valid', status: 200 });
    expect(received!.payload).toMatchObject({
      text: '*checkout is down (level 1)*\nAcknowledge within 5 minutes.\n<https://esc.example/v1/links/v1.a.b|Acknowledge>',
      kind: 'page',
      incidentId: 'incident-1',
      recipient: { id: 'alice', name: 'Alice Moreau' },
      details: { level: 1, team: 'customer-success' },
      idempotencyKey: 'page:1:1:1:alice',
    });
  });

  it('re-delivered with the same key, the receiver counts one key twice sent and can drop the second', async () => {
    const message = page(receiver.url('hooks/bob'));
    await channel.deliver(message, { idempotencyKey: 'page:2:1:1:bob' });
    await channel.deliver(message, { idempotencyKey: 'page:2:1:1:bob' });
    const keys = receiver.received.filter((webhook) => webhook.path === '/hooks/bob').map((w) => w.idempotencyKey);
    expect(keys).toEqual(['page:2:1:1:bob', 'page:2:1:1:bob']);
  });

  it('signs with its own secret: a receiver holding another secret refuses it (401), not retryable', async () => {
    const strict = await WebhookReceiver.start('another-secret-0123456789abcdefghijk');
    try {
      const outcome = await channel.deliver(page(strict.url('hooks/carol')), { idempotencyKey: 'k-carol' });
      expect(outcome).toMatchObject({ status: 'failed', retryable: false, reason: 'webhook receiver answered 401' });
      expect(strict.received.map((webhook) => webhook.signature)).toEqual(['signature does not match the body']);
    } finally {
      await strict.close();
    }
  });

  it.each([
    [503, true],
    [429, true],
    [404, false],
    [400, false],
  ])('a %i answer is a failure, retryable: %s', async (status, retryable) => {
    receiver.script(`hooks/status-${status}`, status);
    const outcome = await channel.deliver(page(receiver.url(`hooks/status-${status}`)), { idempotencyKey: 'k' });
    expect(outcome).toMatchObject({ status: 'failed', retryable, receipt: { code: status } });
  });

  it('a refused connection is a retryable failure that does not show the URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const outcome = await channel.deliver(page(`http://127.0.0.1:${port}/hooks/secret-token`), { idempotencyKey: 'k' });
    expect(outcome).toMatchObject({ status: 'failed', retryable: true, reason: 'webhook POST failed: ECONNREFUSED' });
    expect(JSON.stringify(outcome.status === 'failed' && outcome.reason)).not.toContain('secret-token');
  });

  it('a receiver that never answers times out as a retryable failure', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const impatient = new WebhookChannel({ signingSecret: SECRET, timeoutMs: 200 });
      const outcome = await impatient.deliver(page(`http://127.0.0.1:${port}/hooks/x`), { idempotencyKey: 'k' });
      expect(outcome).toMatchObject({ status: 'failed', retryable: true, reason: 'webhook POST failed: timed out' });
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
