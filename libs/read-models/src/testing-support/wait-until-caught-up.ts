import type { EventStore } from '@incident/event-store';
import type { DataSource } from 'typeorm';
import { eventLogHead } from '../projection/event-log-head';
import { projectionStatus } from '../projection/projection-status';
import { PROJECTIONS } from '../projections';

/** Polls until every projection has read the whole log, or fails after `timeoutMs`. */
export async function waitUntilCaughtUp(dataSource: DataSource, store: EventStore, timeoutMs = 60_000): Promise<void> {
  const head = eventLogHead(store);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await projectionStatus(dataSource, head, PROJECTIONS);
    if (status.every((projection) => projection.behind === 0)) return;
    if (Date.now() > deadline)
      throw new Error(`not caught up: ${JSON.stringify(status.map((s) => [s.name, s.behind]))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
