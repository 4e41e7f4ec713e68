import { timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'console_session';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * HttpOnly: page scripts never read it. SameSite=Strict: no other site's page makes the browser send it, not even
 * a top-level navigation. Path=/ covers the pages and /api. Secure when the console is reached over https.
 */
export function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  const attributes = [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
  ];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}

/** The session cookie's value in a Cookie header, if any. */
export function sessionCookieValue(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === SESSION_COOKIE) {
      const value = part.slice(at + 1).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}

/** Constant-time, so the comparison leaks nothing of the token through its timing. */
export function csrfMatches(expected: string, given: string | string[] | undefined): boolean {
  const value = Array.isArray(given) ? given[0] : given;
  if (value === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(value);
  return a.length === b.length && timingSafeEqual(a, b);
}
