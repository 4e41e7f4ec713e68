import { generateKeyPairSync, randomBytes } from 'node:crypto';
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

/**
 * The local key that signs audit anchors: AUDIT_SIGNING_KEY when set, else an Ed25519 key generated on first
 * use into .data/secrets (mode 600, git-ignored), as base64 PKCS#8 DER, so anchors signed before a restart
 * still verify after it. Losing it does not lose evidence, but anchors signed with it can no longer be checked
 * against a key the auditor holds: keep its public half (`incidentctl audit-key`) somewhere else.
 */
export function localAuditSigningKey() {
  if (process.env.AUDIT_SIGNING_KEY) return process.env.AUDIT_SIGNING_KEY;
  const file = join(SECRETS_DIR, 'audit-signing-key');
  if (!existsSync(file)) {
    mkdirSync(SECRETS_DIR, { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}
