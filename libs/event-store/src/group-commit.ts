/** How one item of a batch ended: each item of a group commit succeeds or fails on its own. */
export type Settled<R> = { readonly value: R } | { readonly error: unknown };

export interface GroupCommitOptions {
  /** Batches written at the same time; the rest wait and join the next batch. */
  readonly maxInFlight: number;
  /** Items per batch at most. */
  readonly maxBatch: number;
}

interface Waiting<T, R> {
  readonly item: T;
  readonly resolve: (value: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: items submitted while `maxInFlight` batches are being written queue up and go together as the
 * next batch, so under load many callers share one statement and one transaction, and at rest an item goes at
 * once (no timer, no added latency). `write` settles every item of a batch on its own; if it throws, every item
 * of that batch fails with the error.
 */
export class GroupCommit<T, R> {
  private readonly queue: Waiting<T, R>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly write: (items: readonly T[]) => Promise<readonly Settled<R>[]>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      // Deferred to the end of the tick, so that what one caller submits together (Promise.all) is one batch.
      queueMicrotask(() => {
        this.scheduled = false;
        this.dispatch();
      });
    });
  }

  private dispatch(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      void this.writeBatch(batch).finally(() => {
        this.inFlight -= 1;
        this.dispatch();
      });
    }
  }

  private async writeBatch(batch: readonly Waiting<T, R>[]): Promise<void> {
    let outcomes: readonly Settled<R>[];
    try {
      outcomes = await this.write(batch.map((waiting) => waiting.item));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, index) => {
      const outcome = outcomes[index];
      if (outcome === undefined) waiting.reject(new Error(`group commit: no outcome for item ${index}`));
      else if ('error' in outcome) waiting.reject(outcome.error);
      else waiting.resolve(outcome.value);
    });
  }
}
