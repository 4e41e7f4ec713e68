import { Pool } from 'pg';
import { DEFAULT_AUTO_RESOLVE, type AutoResolve, type IncidentCategory } from '@incident/domain';
import { generateIntegrationKey, hashIntegrationKey, type Integration } from './integration';

/** What the operator chooses; the id, the key and the times come from the table. */
export type NewIntegration = Pick<
  Integration,
  'name' | 'source' | 'customerId' | 'service' | 'defaultCategory' | 'groupBy'
> &
  Partial<Pick<Integration, 'autoResolve'>>;

interface IntegrationRow {
  id: string;
  name: string;
  source: string;
  customer_id: string;
  service: string;
  default_category: IncidentCategory;
  group_by: string[];
  auto_resolve: AutoResolve;
  key_prefix: string;
  created_at: Date;
  revoked_at: Date | null;
}

const SCHEMA = `
  CREATE SCHEMA IF NOT EXISTS intake;
  CREATE TABLE IF NOT EXISTS intake.integrations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL,
    source text NOT NULL,
    customer_id text NOT NULL,
    service text NOT NULL,
    default_category text NOT NULL,
    group_by text[] NOT NULL DEFAULT '{}',
    key_hash text NOT NULL UNIQUE,
    key_prefix text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
  );
  -- Issue 13: tables created before it gain the column with the behaviour they had for PagerDuty publishers.
  ALTER TABLE intake.integrations ADD COLUMN IF NOT EXISTS auto_resolve text NOT NULL DEFAULT 'always'
    CHECK (auto_resolve IN ('always', 'unacknowledged', 'never'));`;

const COLUMNS =
  'id, name, source, customer_id, service, default_category, group_by, auto_resolve, key_prefix, created_at, revoked_at';

const toIntegration = (row: IntegrationRow): Integration => ({
  id: row.id,
  name: row.name,
  source: row.source,
  customerId: row.customer_id,
  service: row.service,
  defaultCategory: row.default_category,
  groupBy: row.group_by,
  autoResolve: row.auto_resolve,
  keyPrefix: row.key_prefix,
  createdAt: row.created_at.toISOString(),
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

/**
 * The `intake.integrations` table, defined here and nowhere else: the intake service (its admin API and its key
 * check) and `incidentctl integrations` both go through this class, so the two processes cannot drift apart.
 */
export class IntegrationRepository {
  private constructor(private readonly pool: Pool) {}

  /** Creates the schema idempotently: every replica and the CLI may call this at start. */
  static async connect(connectionString: string): Promise<IntegrationRepository> {
    const pool = new Pool({ connectionString, max: 4 });
    // Concurrent CREATE ... IF NOT EXISTS can still collide on the catalog; an advisory lock serialises them.
    const client = await pool.connect();
    try {
      await client.query(`SELECT pg_advisory_lock(hashtext('intake.integrations'))`);
      await client.query(SCHEMA);
      await client.query(`SELECT pg_advisory_unlock(hashtext('intake.integrations'))`);
    } finally {
      client.release();
    }
    return new IntegrationRepository(pool);
  }

  /** Returns the integration and its key; the key is not stored and cannot be shown again. */
  async create(input: NewIntegration): Promise<{ integration: Integration; key: string }> {
    const key = generateIntegrationKey();
    const { rows } = await this.pool.query<IntegrationRow>(
      `INSERT INTO intake.integrations
         (name, source, customer_id, service, default_category, group_by, auto_resolve, key_hash, key_prefix)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [
        input.name,
        input.source,
        input.customerId,
        input.service,
        input.defaultCategory,
        [...input.groupBy],
        input.autoResolve ?? DEFAULT_AUTO_RESOLVE,
        hashIntegrationKey(key),
        key.slice(0, 6),
      ],
    );
    return { integration: toIntegration(rows[0] as IntegrationRow), key };
  }

  async list(): Promise<Integration[]> {
    const { rows } = await this.pool.query<IntegrationRow>(
      `SELECT ${COLUMNS} FROM intake.integrations ORDER BY created_at, id`,
    );
    return rows.map(toIntegration);
  }

  /** Null when no integration has this id; revoking twice keeps the first revocation time. */
  async revoke(id: string): Promise<Integration | null> {
    const { rows } = await this.pool.query<IntegrationRow>(
      `UPDATE intake.integrations SET revoked_at = COALESCE(revoked_at, now())
        WHERE id::text = $1 RETURNING ${COLUMNS}`,
      [id],
    );
    return rows[0] ? toIntegration(rows[0]) : null;
  }

  async findByKey(key: string): Promise<Integration | null> {
    const { rows } = await this.pool.query<IntegrationRow>(
      `SELECT ${COLUMNS} FROM intake.integrations WHERE key_hash = $1`,
      [hashIntegrationKey(key)],
    );
    return rows[0] ? toIntegration(rows[0]) : null;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
