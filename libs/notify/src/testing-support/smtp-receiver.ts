import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  readonly from: string;
  readonly to: readonly string[];
  /** Header names in lower case, folded lines unfolded. */
  readonly headers: ReadonlyMap<string, string>;
  readonly raw: string;
}

/** A reply to hold back: the next mail `match` accepts, and the replies held so far. */
interface HeldReplies {
  match: ((mail: ReceivedMail) => boolean) | undefined;
  readonly replies: (() => void)[];
}

/**
 * A real SMTP server on 127.0.0.1 (smtp-server), receiving what nodemailer sends over a real SMTP session.
 * Recipients can be refused with a scripted reply code (451 transient, 550 permanent) to exercise retries.
 */
export class SmtpReceiver {
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    readonly received: ReceivedMail[],
    private readonly refusals: Map<string, number>,
    private readonly held: HeldReplies,
  ) {}

  static async start(): Promise<SmtpReceiver> {
    const received: ReceivedMail[] = [];
    const refusals = new Map<string, number>();
    const held: HeldReplies = { match: undefined, replies: [] };
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        const code = refusals.get(address.address.toLowerCase());
        if (code === undefined) return callback();
        callback(Object.assign(new Error(`mailbox ${address.address} refused`), { responseCode: code }));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          const to = session.envelope.rcptTo.map((address) => address.address);
          const mail = { from, to, headers: parseHeaders(raw), raw };
          received.push(mail);
          if (!held.match?.(mail)) return callback();
          held.match = undefined;
          held.replies.push(() => callback());
        });
      },
    });
    // A sender killed mid-session (what holdNextReply is for) resets its socket: not the suite's failure.
    server.on('error', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    return new SmtpReceiver(server, port, received, refusals, held);
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** RCPT TO this address is answered with `code` until `accept` is called. */
  refuse(address: string, code: number): void {
    this.refusals.set(address.toLowerCase(), code);
  }

  accept(address: string): void {
    this.refusals.delete(address.toLowerCase());
  }

  /**
   * The next mail `match` accepts is received (it is in `received`) but not answered until `releaseHeld`: its
   * sender has sent it and not heard back, the instant at which a test kills the sender to see what a restart does.
   */
  holdNextReply(match: (mail: ReceivedMail) => boolean): void {
    this.held.match = match;
  }

  /** Answers the held replies (250); a sender that died meanwhile never hears it. */
  releaseHeld(): void {
    for (const reply of this.held.replies.splice(0)) reply();
  }

  /** Mails by Message-ID, as a receiver that drops repeated Message-IDs would count them. */
  messageIds(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const mail of this.received) {
      const id = mail.headers.get('message-id') ?? '';
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  }

  async close(): Promise<void> {
    this.releaseHeld();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function parseHeaders(raw: string): Map<string, string> {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}
