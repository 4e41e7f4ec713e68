import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'X-Incident-Signature';
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** How far a signature's timestamp may be from the receiver's clock before it is refused as a replay. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * Signs a webhook body the way Stripe and Slack do: the timestamp is inside the MAC, so a captured request
 * cannot be replayed later with a fresh timestamp, and receivers refuse old ones.
 */
export function signWebhookBody(secret: string, body: string, at: Date): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

export type SignatureCheck =
  { readonly valid: true; readonly timestamp: number } | { readonly valid: false; readonly reason: string };

/** For receivers (tests, the remediation executor's signed callbacks): checks the header against the raw body. */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  body: string,
  now: Date,
  toleranceSeconds = DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
): SignatureCheck {
  if (!header) return { valid: false, reason: `no ${SIGNATURE_HEADER} header` };
  const fields = new Map(
    header.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const timestamp = Number(fields.get('t'));
  const given = fields.get('v1');
  if (!Number.isInteger(timestamp) || !given) return { valid: false, reason: 'signature header is malformed' };
  const expected = Buffer.from(hmacHex(secret, timestamp, body));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return { valid: false, reason: 'signature does not match the body' };
  }
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) {
    return { valid: false, reason: 'signature timestamp is outside the tolerance' };
  }
  return { valid: true, timestamp };
}

function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}
