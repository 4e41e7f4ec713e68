import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';

// The launcher's mail sink (tools/lib/local-mail.mjs): what `npm start` runs when no NOTIFY_SMTP_URL is set.
// A real SMTP session from nodemailer, as the apps' e-mail channel sends, to a real smtp-server on 127.0.0.1.
interface LocalMail {
  readonly url: string;
  close(): Promise<void>;
}
type Started = { to: string[]; subject: string; file: string };
const { startLocalMail, decodeWords, mailFileName } = require('../tools/lib/local-mail.mjs') as {
  startLocalMail(options: { folder: string; onMail: (mail: Started) => void }): Promise<LocalMail>;
  decodeWords(text: string): string;
  mailFileName(at: Date, sequence: number, to: string[]): string;
};

describe('npm start: the local mail sink', () => {
  let folder: string;
  let sink: LocalMail;
  const seen: Started[] = [];

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'local-mail-'));
    sink = await startLocalMail({ folder, onMail: (mail) => seen.push(mail) });
  });

  afterAll(async () => {
    await sink.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('keeps each message as an .eml file and says who it was for and its subject, decoded', async () => {
    const transport = createTransport(sink.url);
    await transport.sendMail({
      from: 'pages@localhost',
      to: ['alice@example.com', 'bob@example.com'],
      subject: 'Paged: disk 91 % on db-1 — acme',
      text: 'Acknowledge: http://127.0.0.1:3007/…',
    });
    transport.close();

    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      to: ['alice@example.com', 'bob@example.com'],
      subject: 'Paged: disk 91 % on db-1 — acme',
    });
    const files = readdirSync(folder);
    expect(files).toEqual([expect.stringMatching(/-0001-alice@example\.com\.eml$/)]);
    expect(readFileSync(join(folder, files[0]!), 'utf8')).toContain('Acknowledge: http://127.0.0.1:3007/');
  });

  it('decodes base64 and quoted-printable encoded words and names files safely', () => {
    expect(decodeWords('=?UTF-8?B?w6lsw6k=?= =?UTF-8?Q?_caf=C3=A9?=')).toBe('élé café');
    expect(mailFileName(new Date('2026-12-03T22:00:00.000Z'), 7, ['a/b@x'])).toBe(
      '2026-12-03T22-00-00-000Z-0007-a_b@x.eml',
    );
  });
});
