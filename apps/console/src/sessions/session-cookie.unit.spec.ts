import { csrfMatches, sessionCookie, sessionCookieValue } from './session-cookie';

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Strict, for the whole origin, and Secure only over https', () => {
    expect(sessionCookie('abc', 60, false)).toBe('console_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=60');
    expect(sessionCookie('abc', 60, true)).toMatch(/; Secure$/);
  });

  it('is found among other cookies, and an empty one is no session', () => {
    expect(sessionCookieValue('theme=dark; console_session=xyz; other=1')).toBe('xyz');
    expect(sessionCookieValue('console_session=')).toBeUndefined();
    expect(sessionCookieValue('console_session_old=xyz')).toBeUndefined();
    expect(sessionCookieValue(undefined)).toBeUndefined();
  });
});

describe('the CSRF header', () => {
  it('matches only the exact token', () => {
    expect(csrfMatches('token-1', 'token-1')).toBe(true);
    expect(csrfMatches('token-1', 'token-2')).toBe(false);
    expect(csrfMatches('token-1', 'token-10')).toBe(false);
    expect(csrfMatches('token-1', undefined)).toBe(false);
  });
});
