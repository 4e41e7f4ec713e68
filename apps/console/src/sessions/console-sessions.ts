import { ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { CSRF_HEADER, csrfMatches, sessionCookieValue } from './session-cookie';
import { type ConsoleSession, SessionStore } from './session-store';

/** The session a request's cookie names, and the CSRF check every write makes against it. */
@Injectable()
export class ConsoleSessions {
  constructor(@Inject(SessionStore) private readonly store: SessionStore) {}

  async of(request: Request): Promise<ConsoleSession | undefined> {
    const value = sessionCookieValue(request.headers.cookie);
    return value === undefined ? undefined : this.store.find(value, new Date());
  }

  async require(request: Request): Promise<ConsoleSession> {
    const session = await this.of(request);
    if (!session) throw new UnauthorizedException('not signed in: open a sign-in link (incidentctl login-link)');
    return session;
  }

  /**
   * A write must carry the session's CSRF token in X-CSRF-Token. Only the console's own pages can read it
   * (GET /auth/session, same origin, no CORS), so a form or script on another site cannot forge one.
   */
  requireCsrf(session: ConsoleSession, request: Request): void {
    if (!csrfMatches(session.csrfToken, request.headers[CSRF_HEADER])) {
      throw new ForbiddenException(
        'missing or wrong X-CSRF-Token header: every write must send the csrfToken from GET /auth/session',
      );
    }
  }
}
