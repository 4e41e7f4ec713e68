import type { Pool } from 'pg';
import type { LinkClaims } from './link-token';
import { migrateNotify } from './notify-migrations';

export type SpendResult = { readonly first: true } | { readonly first: false; readonly usedAt: Date };

/** Where spent tokens are remembered: `notify.link_redemption`, one row per token, inserted once. */
export class LinkTokenStore {
  constructor(private readonly pool: Pool) {}

  /** Creates or upgrades the schema; safe to call from every replica at start-up. */
  async migrate(): Promise<void> {
    await migrateNotify(this.pool);
  }

  /**
   * Spends the token: the first caller gets `first: true`, every later one (any replica, any time) the moment
   * it was spent. One statement, so two clicks racing each other cannot both win.
   */
  async spend(claims: LinkClaims, at: Date, redeemedBy?: string): Promise<SpendResult> {
    const inserted = await this.pool.query(
      `INSERT INTO notify.link_redemption
         (token_id, action, incident_id, subject, person, expires_at, redeemed_at, redeemed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (token_id) DO NOTHING`,
      [
        claims.tokenId,
        claims.action,
        claims.incidentId,
        claims.subject,
        claims.person,
        claims.expiresAt,
        at,
        redeemedBy ?? null,
      ],
    );
    if (inserted.rowCount === 1) return { first: true };
    const usedAt = await this.usedAt(claims.tokenId);
    // The row cannot vanish between the two statements unless purged; a purged token is long expired.
    return { first: false, usedAt: usedAt ?? at };
  }

  async usedAt(tokenId: string): Promise<Date | undefined> {
    const { rows } = await this.pool.query<{ redeemed_at: Date }>(
      'SELECT redeemed_at FROM notify.link_redemption WHERE token_id = $1',
      [tokenId],
    );
    return rows[0]?.redeemed_at;
  }

  /**
   * Forgets spent tokens that expired before `before`: an expired token is refused before this table is read,
   * so its row no longer decides anything. Returns how many rows went.
   */
  async purgeExpired(before: Date): Promise<number> {
    const deleted = await this.pool.query('DELETE FROM notify.link_redemption WHERE expires_at < $1', [before]);
    return deleted.rowCount ?? 0;
  }
}
