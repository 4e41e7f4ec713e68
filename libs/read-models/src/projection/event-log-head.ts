import {
  HashChainedEventStore,
  parseCheckpoint,
  PostgresEventStoreAdapter,
  type EventStore,
} from '@incident/event-store';

/** Counts the events of the global log after a checkpoint: a projection's lag, or a rebuild's total. */
export interface EventLogHead {
  eventsAfter(checkpoint: string | null): Promise<number>;
}

/**
 * One COUNT on the PostgreSQL store, with the very visibility rule its reader applies (below the oldest running
 * transaction), so "0 behind" means the projection has read everything a reader can see.
 */
class PostgresLogHead implements EventLogHead {
  constructor(private readonly adapter: PostgresEventStoreAdapter) {}

  async eventsAfter(checkpoint: string | null): Promise<number> {
    const { transactionId, position } = parseCheckpoint(checkpoint ?? undefined);
    const result = await this.adapter.pool.query<{ count: string }>(
      `SELECT count(*) AS count FROM event_store.events
       WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         AND (transaction_id, global_position) > ($1::text::xid8, $2::bigint)`,
      [transactionId.toString(), position.toString()],
    );
    return Number(result.rows[0]?.count ?? 0);
  }
}

/** Any other store: page through the log. Slow for a long lag, but exact, and only the CLI asks. */
class ReadingLogHead implements EventLogHead {
  constructor(private readonly store: Pick<EventStore, 'readAll'>) {}

  async eventsAfter(checkpoint: string | null): Promise<number> {
    let after = checkpoint ?? undefined;
    let count = 0;
    for (;;) {
      const page = await this.store.readAll({ ...(after === undefined ? {} : { after }), maxCount: 5000 });
      count += page.length;
      after = page.at(-1)?.checkpoint ?? after;
      if (page.length < 5000) return count;
    }
  }
}

export function eventLogHead(store: EventStore): EventLogHead {
  if (store instanceof HashChainedEventStore && store.adapter instanceof PostgresEventStoreAdapter) {
    return new PostgresLogHead(store.adapter);
  }
  return new ReadingLogHead(store);
}
