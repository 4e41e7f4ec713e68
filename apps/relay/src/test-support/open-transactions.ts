import { countHiddenEvents } from '@incident/event-store';
import { Client } from 'pg';

async function withClient<T>(databaseUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The cluster's oldest open transactions. The PostgreSQL store's global readers do not read past the oldest
 * one (pg_snapshot_xmin, cluster-wide), so when events "never arrive" in a test, this says whether another
 * session (perhaps another suite's) was holding every reader back.
 */
export function oldestOpenTransactions(databaseUrl: string): Promise<string> {
  return withClient(databaseUrl, async (client) => {
    const result = await client.query<{ datname: string; state: string; age: string; query: string }>(
      `SELECT datname, state, (now() - xact_start)::text AS age, left(query, 80) AS query
         FROM pg_stat_activity WHERE backend_xid IS NOT NULL ORDER BY xact_start LIMIT 3`,
    );
    return result.rows.map((row) => `${row.datname} ${row.state} for ${row.age}: ${row.query}`).join('\n') || 'none';
  });
}

/** Committed events the store's global readers cannot see yet (see countHiddenEvents). */
export function hiddenEvents(databaseUrl: string): Promise<number> {
  return withClient(databaseUrl, countHiddenEvents);
}
