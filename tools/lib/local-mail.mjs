import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './paths.mjs';

export const MAIL_FOLDER = join(ROOT, '.data', 'mail');

/** One header of a raw message, unfolded (RFC 5322 folding: a line break followed by white space). */
export function headerOf(raw, name) {
  const head = raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

/** RFC 2047 encoded words (nodemailer encodes any subject that is not plain ASCII), as text. */
export function decodeWords(text) {
  return text
    .replace(/(=\?[^?]+\?[BQ]\?[^?]*\?=)\s+(?==\?)/gi, '$1')
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_, _charset, encoding, body) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(body, 'base64').toString('utf8')
        : Buffer.from(
            body
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_m, hex) => String.fromCharCode(Number.parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

/** A file name that sorts by arrival and says who it was for. */
export function mailFileName(receivedAt, sequence, recipients) {
  const stamp = receivedAt.toISOString().replace(/[:.]/g, '-');
  const to = (recipients[0] ?? 'nobody').replace(/[^A-Za-z0-9@._-]/g, '_');
  return `${stamp}-${String(sequence).padStart(4, '0')}-${to}.eml`;
}

/**
 * A local mail sink for `npm start`: with no NOTIFY_SMTP_URL, every page, reminder and customer notice would fail
 * (no e-mail channel), so each run's mail goes to a real SMTP server on 127.0.0.1 (smtp-server, the same the
 * tests use) that keeps every message as an .eml file under .data/mail and says one line per message. It accepts
 * any sender and recipient and never relays anything anywhere.
 */
export async function startLocalMail({ onMail, folder = MAIL_FOLDER, port = 0 } = {}) {
  const require = createRequire(join(ROOT, 'package.json'));
  const { SMTPServer } = require('smtp-server');
  mkdirSync(folder, { recursive: true });
  let sequence = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const to = session.envelope.rcptTo.map((address) => address.address);
        const file = join(folder, mailFileName(new Date(), ++sequence, to));
        try {
          writeFileSync(file, raw);
        } catch (error) {
          return callback(error);
        }
        onMail?.({ to, subject: decodeWords(headerOf(raw, 'subject') ?? '(no subject)'), file });
        callback();
      });
    },
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.server.address();
  return {
    url: `smtp://127.0.0.1:${bound}`,
    folder,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
