import { Client } from 'pg';

/**
 * The cluster's oldest open transactions. The PostgreSQL store's global readers do not read past the oldest
 * one (pg_snapshot_xmin, cluster-wide), so when events "never arrive" in a test, this says whether another
 * session (perhaps another suite's) was holding every reader back.
 */
export async function oldestOpenTransactions(databaseUrl: string): Promise<string> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ datname: string; state: string; age: string; query: string }>(
      `SELECT datname, state, (now() - xact_start)::text AS age, left(query, 80) AS query
         FROM pg_stat_activity WHERE backend_xid IS NOT NULL ORDER BY xact_start LIMIT 3`,
    );
    return result.rows.map((row) => `${row.datname} ${row.state} for ${row.age}: ${row.query}`).join('\n') || 'none';
  } finally {
    await client.end();
  }
}
