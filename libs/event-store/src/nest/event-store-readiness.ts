import type { PlatformConfig, ReadinessChecks } from '@incident/platform';
import { StreamNotFound } from '../errors';
import type { EventStore } from '../event-store.port';

/** Never written: reading it costs the server one index lookup, and "not found" is an answer. */
const PROBE_STREAM = 'readiness-probe';

/**
 * With EVENTSTORE_URL set, /health/ready asks the EventStoreDB server too (its client connects lazily, so a server
 * that is down shows up here, not at start-up). The PostgreSQL store lives in the database the platform's own
 * `postgres` check already asks.
 */
export function addEventStoreReadiness(
  checks: ReadinessChecks | undefined,
  config: Pick<PlatformConfig, 'eventStoreUrl'>,
  store: Pick<EventStore, 'readStream'>,
): void {
  if (!checks || !config.eventStoreUrl) return;
  checks.add('eventstore', async () => {
    try {
      await store.readStream(PROBE_STREAM, { maxCount: 1 });
    } catch (error) {
      if (!(error instanceof StreamNotFound)) throw error;
    }
  });
}
