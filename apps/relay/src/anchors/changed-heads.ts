import type { EventStore, LoggedHead, ReadAllOptions } from '@incident/event-store';

/** What changed in the store's log after a checkpoint: each stream's newest head, and where reading stopped. */
export interface ChangedHeads {
  readonly heads: Map<string, { revision: number; hash: string }>;
  /** The checkpoint and position of the last event read; undefined when nothing was new. */
  readonly checkpoint: string | undefined;
  readonly throughPosition: bigint;
  /** True when reading stopped at `maxPages` with more to read. */
  readonly more: boolean;
}

/**
 * Reads the global log after `after`, page by page, keeping each stream's newest revision and hash. The log is
 * read as any reader reads it (on PostgreSQL: only what no older open transaction can still precede), so no
 * event is ever skipped; it is simply anchored in a later round. Heads only where the store can (PostgreSQL):
 * parsing every event's body to keep its hash cost the relay beside it more than the signing did.
 */
export async function changedHeads(
  store: Pick<EventStore, 'readAll' | 'readAllHeads'>,
  after: string | undefined,
  options: { readonly batchSize: number; readonly maxPages: number; readonly signal: AbortSignal },
): Promise<ChangedHeads> {
  const heads = new Map<string, { revision: number; hash: string }>();
  let checkpoint: string | undefined;
  let throughPosition = 0n;
  for (let pages = 0; pages < options.maxPages && !options.signal.aborted; pages++) {
    const from = checkpoint ?? after;
    const page = await readHeads(store, { ...(from ? { after: from } : {}), maxCount: options.batchSize });
    for (const event of page) {
      heads.set(event.streamId, { revision: event.streamRevision, hash: event.hash });
      if (event.globalPosition > throughPosition) throughPosition = event.globalPosition;
      checkpoint = event.checkpoint;
    }
    if (page.length < options.batchSize) return { heads, checkpoint, throughPosition, more: false };
  }
  return { heads, checkpoint, throughPosition, more: true };
}

async function readHeads(
  store: Pick<EventStore, 'readAll' | 'readAllHeads'>,
  options: ReadAllOptions,
): Promise<readonly LoggedHead[]> {
  if (store.readAllHeads) return store.readAllHeads(options);
  return (await store.readAll(options)).map((event) => ({ ...event, hash: event.metadata.hash }));
}
