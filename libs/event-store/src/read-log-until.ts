import type { RecordedEvent } from './envelope';
import type { EventStore } from './event-store.port';

export interface ReadLogUntilOptions {
  readonly batchSize?: number;
  readonly timeoutMs?: number;
}

/**
 * Reads the global log from the start until `done` holds, waiting while it does not. An empty page does not
 * mean the end: the PostgreSQL store hides committed events while an older transaction anywhere in the
 * cluster is still open (its xmin rule), and test suites running side by side keep such transactions open.
 * Returns what it read when the time is up, so the caller's assertion shows the shortfall.
 */
export async function readLogUntil(
  store: Pick<EventStore, 'readAll'>,
  done: (events: readonly RecordedEvent[]) => boolean,
  options: ReadLogUntilOptions = {},
): Promise<RecordedEvent[]> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const events: RecordedEvent[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.readAll({ ...(after ? { after } : {}), maxCount: options.batchSize ?? 1000 });
    events.push(...page);
    after = page.at(-1)?.checkpoint ?? after;
    if (page.length > 0) continue;
    if (done(events) || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
