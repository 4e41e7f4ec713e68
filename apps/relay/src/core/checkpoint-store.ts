import type { ClientBase } from 'pg';

export interface StoredCheckpoint {
  /** The store's opaque checkpoint of the last event published; undefined: nothing published yet. */
  readonly checkpoint: string | undefined;
  /** The highest global position published so far (for the lag metric); 0 when nothing was. */
  readonly publishedPosition: bigint;
}

/** Serialises the one-time creation of the schema between relays of different names (different locks). */
const SCHEMA_LOCK = [0x52_45_4c_41, 0] as const;

/**
 * The relay's durable checkpoint: one row per relay name in `relay.checkpoint`. Written through the session
 * that holds the relay's advisory lock (see LeaderLock.session), so only the active relay can advance it.
 */
export class CheckpointStore {
  constructor(
    private readonly db: Pick<ClientBase, 'query'>,
    private readonly name: string,
  ) {}

  /**
   * Creates the table if it is missing (idempotent), and lets this session's checkpoint writes commit without
   * waiting for the WAL flush: a checkpoint write lost in a PostgreSQL crash leaves the checkpoint a little
   * behind, which only means a few events are published again (at-least-once), never that one is skipped.
   * At one write per page it saves an fsync per page, which the appenders need more.
   */
  async open(): Promise<void> {
    await this.db.query('SET synchronous_commit TO off');
    await this.db.query('BEGIN');
    try {
      await this.db.query('SELECT pg_advisory_xact_lock($1, $2)', [...SCHEMA_LOCK]);
      await this.db.query('CREATE SCHEMA IF NOT EXISTS relay');
      await this.db.query(
        `CREATE TABLE IF NOT EXISTS relay.checkpoint (
           name text PRIMARY KEY,
           checkpoint text NOT NULL,
           published_position bigint NOT NULL,
           updated_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
      await this.db.query('COMMIT');
    } catch (error) {
      await this.db.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  async load(): Promise<StoredCheckpoint> {
    const result = await this.db.query<{ checkpoint: string; published_position: string }>(
      'SELECT checkpoint, published_position::text AS published_position FROM relay.checkpoint WHERE name = $1',
      [this.name],
    );
    const row = result.rows[0];
    return row
      ? { checkpoint: row.checkpoint, publishedPosition: BigInt(row.published_position) }
      : { checkpoint: undefined, publishedPosition: 0n };
  }

  /** Called only after the broker acknowledged every event up to `checkpoint`. */
  async save(checkpoint: string, publishedPosition: bigint): Promise<void> {
    await this.db.query(
      `INSERT INTO relay.checkpoint (name, checkpoint, published_position, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (name) DO UPDATE SET checkpoint = EXCLUDED.checkpoint,
         published_position = GREATEST(relay.checkpoint.published_position, EXCLUDED.published_position),
         updated_at = now()`,
      [this.name, checkpoint, publishedPosition.toString()],
    );
  }
}
