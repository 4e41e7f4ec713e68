import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  InvalidSignInLinkError,
  PLATFORM_CONFIG,
  type PlatformConfig,
  Public,
  readSignInLink,
  type SignInLinkClaims,
} from '@incident/platform';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../console.config';
import { ConsoleSessions } from './console-sessions';
import { linkRefusedPage } from './link-pages';
import { clearedSessionCookie, sessionCookie, sessionCookieValue } from './session-cookie';
import { SessionStore } from './session-store';

/**
 * Sign-in by one-time link, the session it opens, and signing out. Public to the platform's bearer-token guard:
 * the console authenticates people by its own session cookie instead.
 */
@Public()
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    @Inject(SessionStore) private readonly store: SessionStore,
    @Inject(ConsoleSessions) private readonly sessions: ConsoleSessions,
  ) {}

  @Get('link/:token')
  async redeem(@Param('token') token: string, @Res() res: Response): Promise<void> {
    // The token is in this URL: keep it out of caches and out of the Referer of whatever the page loads next.
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const now = new Date();
    let link: SignInLinkClaims;
    try {
      link = readSignInLink({ secret: this.platform.authJwtSecret, issuer: this.platform.authJwtIssuer }, token, now);
    } catch (error) {
      if (!(error instanceof InvalidSignInLinkError)) throw error;
      const page = error.expired
        ? linkRefusedPage('This sign-in link has expired', 'Sign-in links work once, for a short while only.')
        : linkRefusedPage('This sign-in link is not valid', 'The link is damaged or was not issued for this console.');
      res
        .status(error.expired ? 410 : 400)
        .type('html')
        .send(page);
      return;
    }
    const result = await this.store.redeem(link, now, this.config.sessionTtlMinutes);
    if (result.kind === 'used') {
      const when = result.usedAt.toISOString();
      res
        .status(410)
        .type('html')
        .send(linkRefusedPage('This sign-in link was already used', `It was used at ${when}; each link works once.`));
      return;
    }
    res.setHeader(
      'Set-Cookie',
      sessionCookie(result.cookieValue, this.config.sessionTtlMinutes * 60, this.config.secureCookies),
    );
    res.redirect(303, '/');
  }

  @Get('session')
  async session(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    res.setHeader('Cache-Control', 'no-store');
    const session = await this.sessions.require(req);
    return {
      subject: session.subject,
      role: session.role,
      ...(session.customerId !== undefined && { customerId: session.customerId }),
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt.toISOString(),
    };
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const session = await this.sessions.require(req);
    this.sessions.requireCsrf(session, req);
    const value = sessionCookieValue(req.headers.cookie);
    if (value !== undefined) await this.store.end(value);
    res.setHeader('Set-Cookie', clearedSessionCookie(this.config.secureCookies));
  }
}
