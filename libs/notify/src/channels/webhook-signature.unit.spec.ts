import { signWebhookBody, verifyWebhookSignature } from './webhook-signature';

const SECRET = 'webhook-secret-0123456789abcdefghijklm';
const AT = new Date('2026-12-03T10:00:00.000Z');
const BODY = JSON.stringify({ text: '*Page* checkout down', idempotencyKey: 'page:1:1:1:alice' });

describe('webhook signatures', () => {
  const header = signWebhookBody(SECRET, BODY, AT);

  it('carries the timestamp and a hex HMAC-SHA256 of "<timestamp>.<body>"', () => {
    expect(header).toMatch(/^t=1796292000,v1=[0-9a-f]{64}$/);
  });

  it('verifies against the same body and secret within the tolerance', () => {
    expect(verifyWebhookSignature(SECRET, header, BODY, new Date(AT.getTime() + 60_000))).toEqual({
      valid: true,
      timestamp: 1796292000,
    });
  });

  it.each([
    ['a changed body', SECRET, header, BODY.replace('alice', 'mallory'), AT, 'signature does not match the body'],
    ['another secret', 'x'.repeat(40), header, BODY, AT, 'signature does not match the body'],
    ['no header', SECRET, undefined, BODY, AT, 'no X-Incident-Signature header'],
    ['a header without v1', SECRET, 't=1796292000', BODY, AT, 'signature header is malformed'],
    [
      'an old timestamp (a replay)',
      SECRET,
      header,
      BODY,
      new Date(AT.getTime() + 301_000),
      'signature timestamp is outside the tolerance',
    ],
  ])('refuses %s', (_label, secret, given, body, now, reason) => {
    expect(verifyWebhookSignature(secret, given, body, now)).toEqual({ valid: false, reason });
  });

  it('refuses a timestamp moved forward, since the timestamp is inside the MAC', () => {
    const moved = header.replace('t=1796292000', 't=1796292300');
    expect(verifyWebhookSignature(SECRET, moved, BODY, new Date(AT.getTime() + 300_000))).toMatchObject({
      valid: false,
      reason: 'signature does not match the body',
    });
  });
});
