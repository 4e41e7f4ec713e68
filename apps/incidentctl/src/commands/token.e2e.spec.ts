import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { verifyToken } from '@incident/platform';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'apps/incidentctl/dist/main.js');
const settings = { secret: 'cli-test-secret-0123456789abcdefghijkl', issuer: 'incident-platform' };

/** `incidentctl token <args>` on the built CLI: resolves to the printed token, rejects with stderr in the error. */
async function token(...args: string[]): Promise<string> {
  const env = { ...process.env, AUTH_JWT_SECRET: settings.secret, AUTH_JWT_ISSUER: settings.issuer };
  const { stdout } = await run(process.execPath, [CLI, 'token', ...args], { env });
  return stdout.trim();
}

// No infrastructure: the command only signs. An e2e spec because commander is ESM-only and runs in the built CLI.
describe('incidentctl token (built CLI)', () => {
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npm test builds)`);
  });

  it('mints a customer token carrying the customer id', async () => {
    const minted = await token('--role', 'customer', '--customer', 'acme', '--subject', 'ann');
    expect(verifyToken(settings, minted)).toEqual({ subject: 'ann', roles: ['customer'], customerId: 'acme' });
  });

  it('mints a staff token without a customer', async () => {
    expect(verifyToken(settings, await token('--role', 'auditor', '--subject', 'al'))).toEqual({
      subject: 'al',
      roles: ['auditor'],
    });
  });

  it.each([
    [['--role', 'customer'], /--customer <id> is required with --role customer/],
    [['--role', 'customer,responder', '--customer', 'acme'], /--role customer cannot be combined/],
    [['--role', 'responder', '--customer', 'acme'], /--customer is only for --role customer/],
  ])('refuses %j, naming the flag, and prints no token', async (args, message) => {
    await expect(token(...args, '--subject', 'ann')).rejects.toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(message),
    });
  });
});
