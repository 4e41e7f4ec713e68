import type { NotificationMessage } from '../message';
import { SmtpReceiver } from '../testing-support/smtp-receiver';
import { EmailChannel, messageIdFor } from './email.channel';

const page = (address: string): NotificationMessage => ({
  kind: 'page',
  subject: 'checkout is down (level 1)',
  text: 'Acknowledge within 5 minutes.',
  links: [{ action: 'acknowledge', label: 'Acknowledge', url: 'https://esc.example/v1/links/v1.a.b' }],
  recipient: { id: 'alice', name: 'Alice Moreau', contact: { kind: 'email', address } },
  incidentId: 'incident-1',
});

describe('EmailChannel over SMTP to a real SMTP server on 127.0.0.1', () => {
  let smtp: SmtpReceiver;
  let channel: EmailChannel;

  beforeAll(async () => {
    smtp = await SmtpReceiver.start();
    channel = new EmailChannel({
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true },
      from: 'Incident platform <pages@ops.example>',
      messageIdDomain: 'pages.ops.example',
    });
  });
  afterAll(async () => {
    channel?.close();
    await smtp?.close();
  });

  it('sends the page with a Message-ID derived from the idempotency key, and the key itself in a header', async () => {
    const outcome = await channel.deliver(page('alice@ops.example'), { idempotencyKey: 'page:1:1:1:alice' });
    const messageId = messageIdFor('page:1:1:1:alice', 'pages.ops.example');
    expect(outcome).toMatchObject({
      status: 'delivered',
      channel: 'email',
      idempotencyKey: 'page:1:1:1:alice',
      receipt: { code: 250, reference: messageId },
    });
    const mail = smtp.received.find((received) => received.to.includes('alice@ops.example'))!;
    expect(mail.from).toBe('pages@ops.example');
    expect(mail.headers.get('message-id')).toBe(messageId);
    expect(mail.headers.get('x-idempotency-key')).toBe('page:1:1:1:alice');
    expect(mail.headers.get('x-incident-id')).toBe('incident-1');
    expect(mail.headers.get('subject')).toBe('checkout is down (level 1)');
    expect(mail.raw).toContain('Acknowledge: https://esc.example/v1/links/v1.a.b');
  });

  it('re-delivered with the same key, both mails carry one Message-ID, so a deduping receiver shows one', async () => {
    await channel.deliver(page('bob@ops.example'), { idempotencyKey: 'page:2:1:1:bob' });
    await channel.deliver(page('bob@ops.example'), { idempotencyKey: 'page:2:1:1:bob' });
    await channel.deliver(page('bob@ops.example'), { idempotencyKey: 'page:2:2:1:bob' });
    const ids = smtp.received
      .filter((mail) => mail.to.includes('bob@ops.example'))
      .map((mail) => mail.headers.get('message-id'));
    expect(ids).toEqual([
      messageIdFor('page:2:1:1:bob', 'pages.ops.example'),
      messageIdFor('page:2:1:1:bob', 'pages.ops.example'),
      messageIdFor('page:2:2:1:bob', 'pages.ops.example'),
    ]);
    expect(new Set(ids).size).toBe(2);
  });

  it('built from an smtp:// URL, as NOTIFY_SMTP_URL gives it, delivers the same way', async () => {
    const fromUrl = new EmailChannel({ smtp: smtp.url, from: 'pages@ops.example', messageIdDomain: 'ops.example' });
    try {
      const outcome = await fromUrl.deliver(page('erin@ops.example'), { idempotencyKey: 'page:3:1:1:erin' });
      expect(outcome).toMatchObject({ status: 'delivered', receipt: { code: 250 } });
      expect(smtp.received.filter((mail) => mail.to.includes('erin@ops.example'))).toHaveLength(1);
    } finally {
      fromUrl.close();
    }
  });

  it('a 451 (mailbox busy) is a retryable failure, a 550 (no such mailbox) a permanent one', async () => {
    smtp.refuse('busy@ops.example', 451);
    smtp.refuse('gone@ops.example', 550);
    const busy = await channel.deliver(page('busy@ops.example'), { idempotencyKey: 'k1' });
    const gone = await channel.deliver(page('gone@ops.example'), { idempotencyKey: 'k2' });
    expect([busy, gone]).toEqual([
      expect.objectContaining({ status: 'failed', retryable: true, receipt: { code: 451 } }),
      expect.objectContaining({ status: 'failed', retryable: false, receipt: { code: 550 } }),
    ]);
  });

  it('an SMTP server that is not there is a retryable failure', async () => {
    const down = await SmtpReceiver.start();
    const port = down.port;
    await down.close();
    const unreachable = new EmailChannel({
      smtp: { host: '127.0.0.1', port, secure: false, ignoreTLS: true, connectionTimeout: 2_000 },
      from: 'pages@ops.example',
      messageIdDomain: 'pages.ops.example',
    });
    const outcome = await unreachable.deliver(page('alice@ops.example'), { idempotencyKey: 'k3' });
    unreachable.close();
    expect(outcome).toMatchObject({ status: 'failed', retryable: true, reason: expect.stringMatching(/^SMTP E/) });
  });
});
