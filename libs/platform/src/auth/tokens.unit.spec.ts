import jwt from 'jsonwebtoken';
import { satisfiesRoles } from './roles';
import { InvalidTokenError, mintToken, verifyToken } from './tokens';

const settings = { secret: 's'.repeat(40), issuer: 'incident-platform' };

describe('bearer tokens', () => {
  it('round-trips subject and roles', () => {
    const token = mintToken(settings, { subject: 'alice', roles: ['responder', 'auditor'], expiresIn: '1h' });
    expect(verifyToken(settings, token)).toEqual({ subject: 'alice', roles: ['responder', 'auditor'] });
  });

  it('checks each token against the secret it is given, when the secret changes between calls', () => {
    const other = { ...settings, secret: 'o'.repeat(40) };
    const mine = mintToken(settings, { subject: 'alice', roles: ['responder'], expiresIn: '1h' });
    const theirs = mintToken(other, { subject: 'bob', roles: ['admin'], expiresIn: '1h' });
    expect(verifyToken(settings, mine).subject).toBe('alice');
    expect(() => verifyToken(settings, theirs)).toThrow('token is not valid');
    expect(verifyToken(other, theirs).subject).toBe('bob');
    expect(() => verifyToken(other, mine)).toThrow('token is not valid');
    expect(verifyToken(settings, mine).subject).toBe('alice');
  });

  it.each([
    [
      'signed with another secret',
      () => mintToken({ ...settings, secret: 'o'.repeat(40) }, { subject: 'a', roles: ['admin'], expiresIn: '1h' }),
      'token is not valid',
    ],
    [
      'from another issuer',
      () => mintToken({ ...settings, issuer: 'elsewhere' }, { subject: 'a', roles: ['admin'], expiresIn: '1h' }),
      'token is not valid',
    ],
    [
      'expired',
      () =>
        jwt.sign({ roles: ['admin'], exp: Math.floor(Date.now() / 1000) - 60 }, settings.secret, {
          issuer: settings.issuer,
          subject: 'a',
        }),
      'token has expired',
    ],
    [
      'unsigned (alg none)',
      () => jwt.sign({ roles: ['admin'] }, '', { algorithm: 'none', issuer: settings.issuer, subject: 'a' }),
      'token is not valid',
    ],
    [
      'carrying an unknown role',
      () => jwt.sign({ roles: ['root'] }, settings.secret, { issuer: settings.issuer, subject: 'a' }),
      'token carries no known role',
    ],
    [
      'without a subject',
      () => jwt.sign({ roles: ['admin'] }, settings.secret, { issuer: settings.issuer }),
      'token has no subject',
    ],
    ['not a JWT at all', () => 'not-a-token', 'token is not valid'],
  ])('refuses a token %s', (_case, make, reason) => {
    expect(() => verifyToken(settings, make())).toThrow(new InvalidTokenError(reason));
  });

  it('round-trips a customer token with its customer', () => {
    const token = mintToken(settings, { subject: 'ann', roles: ['customer'], customerId: 'acme', expiresIn: '1h' });
    expect(verifyToken(settings, token)).toEqual({ subject: 'ann', roles: ['customer'], customerId: 'acme' });
  });

  it.each([
    [{ roles: ['customer'] as const }, 'a customer token needs a customer id'],
    [{ roles: ['customer'] as const, customerId: ' ' }, 'a customer token needs a customer id'],
    [{ roles: ['customer', 'responder'] as const, customerId: 'acme' }, 'cannot be combined'],
    [{ roles: ['responder'] as const, customerId: 'acme' }, 'only a customer token carries a customer id'],
  ])('will not mint %j', (options, reason) => {
    expect(() => mintToken(settings, { subject: 'ann', expiresIn: '1h', ...options })).toThrow(reason);
  });

  it.each([
    ['customer role without a customer', { roles: ['customer'] }, 'a customer token needs a customer id'],
    ['customer role beside a staff role', { roles: ['customer', 'admin'], customer: 'acme' }, 'cannot be combined'],
    ['customer id that is not text', { roles: ['customer'], customer: 42 }, 'token has a bad customer'],
  ])('refuses a token signed with the secret but carrying a %s', (_case, claims, reason) => {
    const token = jwt.sign(claims, settings.secret, { issuer: settings.issuer, subject: 'ann' });
    expect(() => verifyToken(settings, token)).toThrow(reason);
    expect(() => verifyToken(settings, token)).toThrow(InvalidTokenError);
  });

  it('will not mint a token without a role or a subject', () => {
    expect(() => mintToken(settings, { subject: 'a', roles: [], expiresIn: '1h' })).toThrow(InvalidTokenError);
    expect(() => mintToken(settings, { subject: ' ', roles: ['admin'], expiresIn: '1h' })).toThrow(InvalidTokenError);
  });
});

describe('role requirements', () => {
  it.each([
    [['responder'], ['responder'], true],
    [['auditor'], ['responder'], false],
    [['auditor'], ['auditor', 'admin'], true],
    [['admin'], ['auditor'], true],
    [['responder'], [], true],
    [['customer'], [], false],
    [['customer'], ['auditor'], false],
    [['customer'], ['responder', 'customer'], true],
    [['responder'], ['customer'], false],
  ] as const)('roles %j against required %j → %s', (roles, required, expected) => {
    expect(satisfiesRoles({ subject: 'x', roles }, required)).toBe(expected);
  });
});
