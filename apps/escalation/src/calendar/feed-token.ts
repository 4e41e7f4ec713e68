import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Calendar clients (Google Calendar, Outlook, Apple Calendar) subscribe to a URL and cannot send a bearer
 * token, so each schedule's feed URL carries its own token: an HMAC-SHA256 of the schedule id under a key
 * derived from AUTH_JWT_SECRET (a label keeps it from ever equalling a JWT signature). It does not expire, as
 * a subscription lives for months; it opens one schedule's shifts read-only, nothing else. Rotating
 * AUTH_JWT_SECRET revokes every feed URL at once.
 */
export class FeedTokens {
  private readonly key: Buffer;

  constructor(authJwtSecret: string) {
    this.key = createHmac('sha256', authJwtSecret).update('oncall-calendar-feed/v1').digest();
  }

  tokenFor(scheduleId: string): string {
    return createHmac('sha256', this.key).update(scheduleId).digest('base64url');
  }

  verify(scheduleId: string, token: string | undefined): boolean {
    if (token === undefined) return false;
    const expected = Buffer.from(this.tokenFor(scheduleId));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
