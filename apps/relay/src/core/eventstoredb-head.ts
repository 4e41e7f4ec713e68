import { BACKWARDS, END, excludeSystemEvents, KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { StoreHead } from './lag-probe';

/**
 * EventStoreDB store: the commit position of the last non-system event in $all. Commit positions are byte
 * offsets in the server's log, so relay_lag_positions counts bytes there, not events (still 0 when caught up).
 */
export function eventStoreDbHead(connectionString: string): { head: StoreHead; close: () => Promise<void> } {
  const client = KurrentDBClient.connectionString(connectionString);
  return {
    head: async () => {
      for await (const resolved of client.readAll({
        direction: BACKWARDS,
        fromPosition: END,
        maxCount: 1,
        filter: excludeSystemEvents(),
      })) {
        if (resolved.event?.position) return resolved.event.position.commit;
      }
      return 0n;
    },
    close: () => client.dispose(),
  };
}
