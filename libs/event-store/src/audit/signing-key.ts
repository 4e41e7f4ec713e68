import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** The key that signs anchors, with what verifiers need: its public half and that half's fingerprint. */
export interface AuditSigningKey {
  readonly privateKey: KeyObject;
  readonly verifyKey: AuditVerifyKey;
}

/** What a verifier trusts: an Ed25519 public key and its id (sha256 of its SPKI DER, hex). */
export interface AuditVerifyKey {
  readonly publicKey: KeyObject;
  readonly keyId: string;
  /** The public key as base64 SPKI DER: how bundles carry it and AUDIT_PUBLIC_KEY takes it. */
  readonly encoded: string;
}

function der(text: string): Buffer {
  const compact = text.trim();
  if (!/^[A-Za-z0-9+/_=-]+$/.test(compact)) throw new Error('must be base64 (DER) or PEM');
  return Buffer.from(compact, compact.includes('-') || compact.includes('_') ? 'base64url' : 'base64');
}

function requireEd25519(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`must be an Ed25519 key, not ${key.asymmetricKeyType}`);
  return key;
}

export function verifyKeyOf(publicKey: KeyObject): AuditVerifyKey {
  const spki = requireEd25519(publicKey).export({ format: 'der', type: 'spki' });
  return {
    publicKey,
    keyId: createHash('sha256').update(spki).digest('hex'),
    encoded: spki.toString('base64'),
  };
}

/** AUDIT_SIGNING_KEY: an Ed25519 private key as base64 PKCS#8 DER (one line, fit for an environment variable) or PEM. */
export function parseSigningKey(text: string): AuditSigningKey {
  const privateKey = requireEd25519(
    text.includes('-----BEGIN')
      ? createPrivateKey(text)
      : createPrivateKey({ key: der(text), format: 'der', type: 'pkcs8' }),
  );
  return { privateKey, verifyKey: verifyKeyOf(createPublicKey(privateKey)) };
}

/** AUDIT_PUBLIC_KEY, or a bundle's key: an Ed25519 public key as base64 SPKI DER or PEM. */
export function parseVerifyKey(text: string): AuditVerifyKey {
  return verifyKeyOf(
    text.includes('-----BEGIN')
      ? createPublicKey(text)
      : createPublicKey({ key: der(text), format: 'der', type: 'spki' }),
  );
}

/** A fresh key in AUDIT_SIGNING_KEY's format. */
export function generateSigningKey(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
}
