import { createHash } from 'node:crypto';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { Channel, DeliveryOptions } from '../channel';
import type { Contact, NotificationMessage } from '../message';
import type { DeliveryOutcome } from '../outcome';
import { renderEmail } from './email-body';

export interface EmailChannelSettings {
  /** An SMTP URL (`smtp://user:pass@host:587`, `smtps://…`) or nodemailer's SMTP options. */
  readonly smtp: string | SMTPTransport.Options;
  /** The From address, e.g. `Incident platform <pages@ops.example>`. */
  readonly from: string;
  /** The right-hand side of every Message-ID: a domain of ours, so IDs never collide with anyone else's. */
  readonly messageIdDomain: string;
}

/**
 * nodemailer waits up to 2 minutes to connect and 10 minutes on a silent socket by default: far too long for a
 * page, whose next contact method may work. (A URL's own settings win over these.)
 */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** Header carrying the idempotency key as it is (the Message-ID holds only its hash). */
export const EMAIL_IDEMPOTENCY_HEADER = 'X-Idempotency-Key';

/**
 * The Message-ID for an idempotency key: the same key always gives the same ID, so a mail system (or a person's
 * client) that drops a second message with a Message-ID it has seen shows a re-delivered page once. Hashed
 * because keys may hold characters a Message-ID may not.
 */
export function messageIdFor(idempotencyKey: string, domain: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}@${domain}>`;
}

/** Delivers to `email` contacts over SMTP (nodemailer). Call `close` at shutdown. */
export class EmailChannel implements Channel {
  readonly kind = 'email' as const;
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(private readonly settings: EmailChannelSettings) {
    const options = typeof settings.smtp === 'string' ? { url: settings.smtp } : settings.smtp;
    this.transport = createTransport({ ...SMTP_TIMEOUTS, ...options } as SMTPTransport.Options);
  }

  accepts(contact: Contact): boolean {
    return contact.kind === 'email';
  }

  async deliver(message: NotificationMessage, options: DeliveryOptions): Promise<DeliveryOutcome> {
    const { contact } = message.recipient;
    const base = { channel: this.kind, contact, idempotencyKey: options.idempotencyKey };
    const messageId = messageIdFor(options.idempotencyKey, this.settings.messageIdDomain);
    const { text, html } = renderEmail(message);
    try {
      const info = await this.transport.sendMail({
        from: this.settings.from,
        to: message.recipient.name ? { name: message.recipient.name, address: contact.address } : contact.address,
        subject: message.subject,
        text,
        html,
        messageId,
        headers: {
          [EMAIL_IDEMPOTENCY_HEADER]: options.idempotencyKey,
          ...(message.incidentId !== undefined && { 'X-Incident-Id': message.incidentId }),
        },
      });
      const receipt = { code: replyCode(info.response), reference: messageId, response: info.response };
      if (info.accepted.length > 0) return { ...base, status: 'delivered', receipt };
      return { ...base, status: 'failed', retryable: false, reason: 'the SMTP server accepted no recipient', receipt };
    } catch (error) {
      return { ...base, status: 'failed', ...classify(error) };
    }
  }

  close(): void {
    this.transport.close();
  }
}

function replyCode(response: string | undefined): number | undefined {
  const code = Number(response?.slice(0, 3));
  return Number.isInteger(code) && code > 0 ? code : undefined;
}

/**
 * SMTP's own rule: a 4xx reply is transient, a 5xx permanent. Without a reply (connection refused, timed out,
 * TLS failure) the server was not reached, so trying again may work; an unusable address (EENVELOPE) never will.
 */
function classify(error: unknown): { retryable: boolean; reason: string; receipt?: { code: number } } {
  const smtp = error as { code?: string; responseCode?: number; message?: string };
  const line = (smtp.message ?? String(error)).replace(/\s+/g, ' ').slice(0, 200);
  if (typeof smtp.responseCode === 'number') {
    const retryable = smtp.responseCode < 500;
    return { retryable, reason: `SMTP ${smtp.responseCode}: ${line}`, receipt: { code: smtp.responseCode } };
  }
  if (smtp.code === 'EENVELOPE') return { retryable: false, reason: `SMTP envelope refused: ${line}` };
  return { retryable: true, reason: `SMTP ${smtp.code ?? 'error'}: ${line}` };
}
