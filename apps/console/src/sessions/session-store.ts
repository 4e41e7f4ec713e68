import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { isRole, type Role, type SignInLinkClaims } from '@incident/platform';
import { migrateConsole } from './console-migrations';

/** Who is signed in, as GET /auth/session shows it (csrfToken goes with every write). */
export interface ConsoleSession {
  readonly subject: string;
  readonly role: Role;
  readonly customerId?: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

export type RedeemResult =
  | { readonly kind: 'signed-in'; readonly cookieValue: string; readonly session: ConsoleSession }
  | { readonly kind: 'used'; readonly usedAt: Date };

const hashOf = (cookieValue: string): string => createHash('sha256').update(cookieValue).digest('hex');
const secretText = (): string => randomBytes(32).toString('base64url');

/** console.sign_in_redemption and console.session. */
export class SessionStore {
  constructor(private readonly pool: Pool) {}

  async migrate(): Promise<void> {
    await migrateConsole(this.pool);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /**
   * Spends the link and opens a session, in one transaction: the first caller gets the session, every later
   * one (any replica, any time) the moment the link was used. The insert on the link's primary key decides.
   */
  async redeem(link: SignInLinkClaims, at: Date, ttlMinutes: number): Promise<RedeemResult> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const spent = await client.query(
        `INSERT INTO console.sign_in_redemption (link_id, subject, role, expires_at, redeemed_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (link_id) DO NOTHING`,
        [link.linkId, link.subject, link.role, link.expiresAt, at],
      );
      if (spent.rowCount !== 1) {
        await client.query('ROLLBACK');
        const { rows } = await this.pool.query<{ redeemed_at: Date }>(
          'SELECT redeemed_at FROM console.sign_in_redemption WHERE link_id = $1',
          [link.linkId],
        );
        return { kind: 'used', usedAt: rows[0]?.redeemed_at ?? at };
      }
      const cookieValue = secretText();
      const session: ConsoleSession = {
        subject: link.subject,
        role: link.role,
        ...(link.customerId !== undefined && { customerId: link.customerId }),
        csrfToken: secretText(),
        expiresAt: new Date(at.getTime() + ttlMinutes * 60_000),
      };
      await client.query(
        `INSERT INTO console.session
           (cookie_hash, subject, role, customer_id, csrf_token, link_id, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          hashOf(cookieValue),
          session.subject,
          session.role,
          session.customerId ?? null,
          session.csrfToken,
          link.linkId,
          at,
          session.expiresAt,
        ],
      );
      await client.query('COMMIT');
      return { kind: 'signed-in', cookieValue, session };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** The live session this cookie names, or undefined (unknown, signed out or expired). */
  async find(cookieValue: string, at: Date): Promise<ConsoleSession | undefined> {
    const { rows } = await this.pool.query<{
      subject: string;
      role: string;
      customer_id: string | null;
      csrf_token: string;
      expires_at: Date;
    }>(
      `SELECT subject, role, customer_id, csrf_token, expires_at FROM console.session
       WHERE cookie_hash = $1 AND expires_at > $2`,
      [hashOf(cookieValue), at],
    );
    const row = rows[0];
    if (!row || !isRole(row.role)) return undefined;
    return {
      subject: row.subject,
      role: row.role,
      ...(row.customer_id !== null && { customerId: row.customer_id }),
      csrfToken: row.csrf_token,
      expiresAt: row.expires_at,
    };
  }

  async end(cookieValue: string): Promise<void> {
    await this.pool.query('DELETE FROM console.session WHERE cookie_hash = $1', [hashOf(cookieValue)]);
  }

  /**
   * Forgets expired sessions, then links that expired before `before` and no session names: an expired link is
   * refused before its row is read, so the row no longer decides anything.
   */
  async purgeExpired(before: Date): Promise<number> {
    const sessions = await this.pool.query('DELETE FROM console.session WHERE expires_at < $1', [before]);
    const links = await this.pool.query(
      `DELETE FROM console.sign_in_redemption r WHERE r.expires_at < $1
       AND NOT EXISTS (SELECT 1 FROM console.session s WHERE s.link_id = r.link_id)`,
      [before],
    );
    return (sessions.rowCount ?? 0) + (links.rowCount ?? 0);
  }
}
