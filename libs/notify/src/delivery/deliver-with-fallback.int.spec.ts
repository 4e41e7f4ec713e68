import { EmailChannel, messageIdFor } from '../channels/email.channel';
import { WebhookChannel } from '../channels/webhook.channel';
import type { Contact, MessageForTarget } from '../message';
import { SmtpReceiver } from '../testing-support/smtp-receiver';
import { WebhookReceiver } from '../testing-support/webhook-receiver';
import { deliverWithFallback, type DeliveryAttempt } from './deliver-with-fallback';

const SECRET = 'webhook-secret-0123456789abcdefghijklm';
const retry = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50 };
const message: MessageForTarget = {
  kind: 'page',
  subject: 'checkout is down (level 1)',
  text: 'Acknowledge within 5 minutes.',
  links: [],
  recipient: { id: 'alice', name: 'Alice Moreau' },
  incidentId: 'incident-1',
};
const summary = (attempts: readonly DeliveryAttempt[]) =>
  attempts.map(
    ({ outcome }) => `${outcome.channel}:${outcome.status}${outcome.receipt?.code ? `:${outcome.receipt.code}` : ''}`,
  );

describe('deliverWithFallback through real channels to real peers on 127.0.0.1', () => {
  let webhooks: WebhookReceiver;
  let smtp: SmtpReceiver;
  let email: EmailChannel;
  let contacts: (name: string) => Contact[];

  beforeAll(async () => {
    webhooks = await WebhookReceiver.start(SECRET);
    smtp = await SmtpReceiver.start();
    email = new EmailChannel({
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true },
      from: 'pages@ops.example',
      messageIdDomain: 'pages.ops.example',
    });
    contacts = (name) => [
      { kind: 'webhook', address: webhooks.url(`hooks/${name}`) },
      { kind: 'email', address: `${name}@ops.example` },
    ];
  });
  afterAll(async () => {
    email?.close();
    await webhooks?.close();
    await smtp?.close();
  });

  const channels = () => [new WebhookChannel({ signingSecret: SECRET, timeoutMs: 2_000 }), email];

  it('retries a failing webhook with backoff, then falls back to e-mail, returning every attempt', async () => {
    webhooks.script('hooks/alice', 503, 503, 503);
    const recorded: DeliveryAttempt[] = [];
    const result = await deliverWithFallback(channels(), message, contacts('alice'), {
      idempotencyKey: 'page:incident-1:1:1:alice',
      retry,
      onAttempt: (attempt) => void recorded.push(attempt),
    });
    expect(result.status).toBe('delivered');
    expect(summary(result.attempts)).toEqual([
      'webhook:failed:503',
      'webhook:failed:503',
      'webhook:failed:503',
      'email:delivered:250',
    ]);
    expect(recorded).toEqual(result.attempts);
    expect(webhooks.received.filter((w) => w.path === '/hooks/alice').map((w) => w.idempotencyKey)).toEqual(
      Array(3).fill('page:incident-1:1:1:alice'),
    );
    const mails = smtp.received.filter((mail) => mail.to.includes('alice@ops.example'));
    expect(mails.map((mail) => mail.headers.get('message-id'))).toEqual([
      messageIdFor('page:incident-1:1:1:alice', 'pages.ops.example'),
    ]);
  });

  it('a webhook that recovers within the attempts gets the page; e-mail is not used', async () => {
    webhooks.script('hooks/bob', 503);
    const result = await deliverWithFallback(channels(), message, contacts('bob'), {
      idempotencyKey: 'page:incident-1:1:1:bob',
      retry,
    });
    expect(summary(result.attempts)).toEqual(['webhook:failed:503', 'webhook:delivered:200']);
    expect(webhooks.acceptedKeys().get('page:incident-1:1:1:bob')).toBe(1);
    expect(smtp.received.filter((mail) => mail.to.includes('bob@ops.example'))).toEqual([]);
  });

  it('a page delivered again after a crash carries the same key, so the receiver counts the key, not the sends', async () => {
    const key = 'page:incident-2:1:1:carol';
    await deliverWithFallback(channels(), message, contacts('carol'), { idempotencyKey: key, retry });
    await deliverWithFallback(channels(), message, contacts('carol'), { idempotencyKey: key, retry });
    const keys = webhooks.received.filter((w) => w.path === '/hooks/carol').map((w) => w.idempotencyKey);
    expect(keys).toEqual([key, key]);
    expect(new Set(keys).size).toBe(1);
  });

  it('when every contact fails, the result is failed with each attempt and its reason', async () => {
    webhooks.script('hooks/dave', 410);
    smtp.refuse('dave@ops.example', 550);
    const result = await deliverWithFallback(channels(), message, contacts('dave'), {
      idempotencyKey: 'page:incident-3:1:1:dave',
      retry,
    });
    expect(result.status).toBe('failed');
    expect(result.attempts.map(({ outcome }) => outcome.status === 'failed' && outcome.reason)).toEqual([
      'webhook receiver answered 410',
      expect.stringMatching(/^SMTP 550: /),
    ]);
  });
});
