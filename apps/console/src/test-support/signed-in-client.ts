/** A signed-in browser, as far as the API sees one: the session cookie and the CSRF token from /auth/session. */
export interface SignedInClient {
  readonly cookie: string;
  readonly csrfToken: string;
  readonly session: { subject: string; role: string; csrfToken: string };
  /** fetch on the console with the cookie (and, for writes, X-CSRF-Token unless `csrf: false`). */
  call(path: string, init?: RequestInit & { csrf?: boolean }): Promise<Response>;
}

/** Follows a sign-in link as a browser would (keeping the cookie it sets) and reads the session. */
export async function signIn(consoleUrl: string, link: string): Promise<SignedInClient> {
  const redeemed = await fetch(link, { redirect: 'manual' });
  if (redeemed.status !== 303) throw new Error(`sign-in link answered ${redeemed.status}: ${await redeemed.text()}`);
  const setCookie = redeemed.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  const sessionResponse = await fetch(`${consoleUrl}/auth/session`, { headers: { cookie } });
  if (sessionResponse.status !== 200) throw new Error(`GET /auth/session answered ${sessionResponse.status}`);
  const session = (await sessionResponse.json()) as SignedInClient['session'];
  return {
    cookie,
    csrfToken: session.csrfToken,
    session,
    call: (path, { csrf = true, headers, ...init } = {}) => {
      const write = init.method !== undefined && !['GET', 'HEAD'].includes(init.method.toUpperCase());
      return fetch(`${consoleUrl}${path}`, {
        ...init,
        headers: {
          cookie,
          ...(write && csrf && { 'x-csrf-token': session.csrfToken }),
          ...(init.body !== undefined && { 'content-type': 'application/json' }),
          ...(headers as Record<string, string> | undefined),
        },
      });
    },
  };
}
