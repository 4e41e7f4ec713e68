import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECRETS_DIR } from './paths.mjs';

/**
 * The local token-signing secret: AUTH_JWT_SECRET when set, else one generated on first use and kept in
 * .data/secrets (mode 600, git-ignored), so tokens minted today still work after a restart.
 */
export function localAuthSecret() {
  if (process.env.AUTH_JWT_SECRET) return process.env.AUTH_JWT_SECRET;
  const file = join(SECRETS_DIR, 'auth-jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(SECRETS_DIR, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}
