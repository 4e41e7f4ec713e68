import type { EventStore } from '@incident/event-store';
import type { Pool } from 'pg';
import { CheckpointStore } from './checkpoint-store';
import type { Lag, LagProbe } from './relay-metrics';

/**
 * Lag as the durable checkpoint sees it: the store's head position minus the highest position published, and the age of the first
 * event after the checkpoint (its recordedAt). Reads only; works the same on the active relay and a standby.
 */
export function checkpointLagProbe(options: {
  readonly pool: Pool;
  readonly name: string;
  readonly store: Pick<EventStore, 'readAll' | 'head'>;
  readonly now?: () => number;
}): LagProbe {
  const checkpoints = new CheckpointStore(options.pool, options.name);
  const now = options.now ?? Date.now;
  return async (): Promise<Lag | undefined> => {
    const stored = await checkpoints.load().catch((error: unknown) => {
      // Before the first active relay created the table there is simply nothing published yet.
      if ((error as { code?: string }).code === '42P01') return { checkpoint: undefined, publishedPosition: 0n };
      throw error;
    });
    const [next] = await options.store.readAll({
      ...(stored.checkpoint === undefined ? {} : { after: stored.checkpoint }),
      maxCount: 1,
    });
    if (!next) return { positions: 0n, seconds: 0 };
    // The store's head by its readers' own rule (visibility, and no system events on EventStoreDB), so the
    // lag reaches 0 once the relay has read what a reader can see.
    const head = (await options.store.head())?.position ?? 0n;
    const positions = head > stored.publishedPosition ? head - stored.publishedPosition : 0n;
    const seconds = Math.max(0, (now() - Date.parse(next.metadata.recordedAt)) / 1000);
    return { positions, seconds };
  };
}
