import { createHmac } from 'node:crypto';
import { LinkSigner, type LinkTokenRequest } from './link-token';

const SECRET = 'link-secret-0123456789abcdefghijklmnop';
const NOW = new Date('2026-12-03T10:00:00.000Z');
const request: LinkTokenRequest = {
  action: 'acknowledge',
  incidentId: '6f1c0d3e-8a4b-4a57-9d0e-1b2c3d4e5f60',
  subject: 'page:6f1c0d3e:1:1:alice',
  person: 'alice',
  expiresAt: new Date('2026-12-03T10:30:00.000Z'),
};

/** Replaces the claims part of a token with `edit(claims)`, keeping the original signature. */
function editClaims(token: string, edit: (claims: Record<string, unknown>) => void): string {
  const [version, body, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8')) as Record<string, unknown>;
  edit(claims);
  return [version, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}

describe('LinkSigner', () => {
  const signer = new LinkSigner(SECRET);

  describe('given a token it signed', () => {
    const { token, claims } = signer.sign(request);

    it('verifies before its expiry, returning every claim', () => {
      expect(signer.verify(token, NOW)).toEqual({ valid: true, claims });
      expect(claims).toEqual({ ...request, tokenId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    });

    it('is a URL-safe string', () => {
      expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    });

    it('refuses it as expired from the expiry on, still saying what it was for', () => {
      const verification = signer.verify(token, request.expiresAt);
      expect(verification).toEqual({
        valid: false,
        reason: 'expired',
        message: expect.stringContaining('expired at 2026-12-03T10:30:00.000Z'),
        claims,
      });
    });

    it('refuses it as altered when its expiry was pushed back', () => {
      const extended = editClaims(token, (wire) => (wire['exp'] = Date.parse('2027-01-01T00:00:00Z')));
      expect(signer.verify(extended, NOW)).toMatchObject({ valid: false, reason: 'altered' });
    });

    it('refuses it as altered when its action or incident was changed', () => {
      const approve = editClaims(token, (wire) => (wire['act'] = 'approve'));
      const otherIncident = editClaims(token, (wire) => (wire['inc'] = 'another-incident'));
      expect([signer.verify(approve, NOW), signer.verify(otherIncident, NOW)]).toEqual([
        expect.objectContaining({ valid: false, reason: 'altered' }),
        expect.objectContaining({ valid: false, reason: 'altered' }),
      ]);
    });

    it('refuses it as altered when its signature was changed', () => {
      const flipped = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
      expect(signer.verify(flipped, NOW)).toMatchObject({ valid: false, reason: 'altered' });
    });

    it('refuses it as altered under another secret', () => {
      const other = new LinkSigner('another-secret-0123456789abcdefghijklm');
      expect(other.verify(token, NOW)).toMatchObject({ valid: false, reason: 'altered' });
    });

    it('still verifies after the secret was rotated, while the old one is kept as a previous secret', () => {
      const rotated = new LinkSigner('the-new-secret-0123456789abcdefghijklm', [SECRET]);
      expect(rotated.verify(token, NOW)).toEqual({ valid: true, claims });
    });
  });

  it.each([
    ['an empty string', ''],
    ['a truncated token', 'v1.eyJqdGkiOiJ4In0'],
    ['another version', 'v2.abc.def'],
    ['random text', 'not a token at all'],
  ])('refuses %s as malformed', (_label, token) => {
    expect(signer.verify(token, NOW)).toMatchObject({ valid: false, reason: 'malformed' });
  });

  it('refuses a correctly signed token whose claims are incomplete as malformed', () => {
    const body = Buffer.from(JSON.stringify({ jti: 'x', act: 'acknowledge' })).toString('base64url');
    const signature = createHmac('sha256', SECRET).update(`v1.${body}`).digest('base64url');
    expect(signer.verify(`v1.${body}.${signature}`, NOW)).toMatchObject({ valid: false, reason: 'malformed' });
  });

  it('gives each token its own id, so single use applies per link', () => {
    const ids = new Set([1, 2, 3].map(() => signer.sign(request).claims.tokenId));
    expect(ids.size).toBe(3);
  });

  it('refuses a secret shorter than 32 characters', () => {
    expect(() => new LinkSigner('short')).toThrow(/at least 32 characters/);
  });
});
