import { InvalidSignInLinkError, mintSignInLink, readSignInLink } from './sign-in-link';
import { InvalidTokenError, mintToken, verifyToken } from './tokens';

const settings = { secret: 's'.repeat(40), issuer: 'incident-platform' };

describe('console sign-in links', () => {
  it('round-trip subject, role and a link id unique to each link', () => {
    const first = readSignInLink(
      settings,
      mintSignInLink(settings, { subject: 'ada', role: 'auditor', ttlSeconds: 60 }),
    );
    const second = readSignInLink(
      settings,
      mintSignInLink(settings, { subject: 'ada', role: 'auditor', ttlSeconds: 60 }),
    );
    expect(first).toMatchObject({ subject: 'ada', role: 'auditor' });
    expect(first.linkId).not.toBe(second.linkId);
  });

  it('carry the customer of a customer link', () => {
    const token = mintSignInLink(settings, { subject: 'c', role: 'customer', customerId: 'acme', ttlSeconds: 60 });
    expect(readSignInLink(settings, token)).toMatchObject({ role: 'customer', customerId: 'acme' });
  });

  it('are not bearer tokens, and bearer tokens are not links', () => {
    const link = mintSignInLink(settings, { subject: 'ada', role: 'admin', ttlSeconds: 60 });
    const bearer = mintToken(settings, { subject: 'ada', roles: ['admin'], expiresIn: '1h' });
    expect(() => verifyToken(settings, link)).toThrow(InvalidTokenError);
    expect(() => readSignInLink(settings, bearer)).toThrow('this sign-in link is not valid');
  });

  it('refuse an expired link, saying it expired', () => {
    const token = mintSignInLink(settings, { subject: 'a', role: 'responder', ttlSeconds: 60 });
    const later = new Date(Date.now() + 61_000);
    expect(() => readSignInLink(settings, token, later)).toThrow('this sign-in link has expired');
  });

  it('refuse a link signed with another secret', () => {
    const token = mintSignInLink(
      { ...settings, secret: 'o'.repeat(40) },
      { subject: 'a', role: 'admin', ttlSeconds: 60 },
    );
    expect(() => readSignInLink(settings, token)).toThrow('this sign-in link is not valid');
  });

  it('refuse lifetimes beyond a day and customer links without a customer', () => {
    expect(() => mintSignInLink(settings, { subject: 'a', role: 'admin', ttlSeconds: 2 * 86_400 })).toThrow(
      InvalidSignInLinkError,
    );
    expect(() => mintSignInLink(settings, { subject: 'a', role: 'customer', ttlSeconds: 60 })).toThrow(
      'a customer token needs a customer id',
    );
  });
});
