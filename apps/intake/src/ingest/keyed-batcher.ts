interface Pending<T> {
  readonly item: T;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

interface Lane<T> {
  readonly queue: Pending<T>[];
  running: boolean;
}

/**
 * Serialises work per key inside this process and hands whatever queued up meanwhile to the next run as one
 * batch. A storm of alerts for one incident then costs a handful of appends instead of a conflict per alert.
 * Correctness across replicas does not rest on this: the appends carry expected revisions.
 */
export class KeyedBatcher<T> {
  private readonly lanes = new Map<string, Lane<T>>();

  constructor(
    private readonly run: (key: string, items: readonly T[]) => Promise<void>,
    private readonly maxBatch = 500,
  ) {}

  /** Resolves once the item's batch has been handled (for intake: appended durably). */
  submit(key: string, item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      let lane = this.lanes.get(key);
      if (!lane) {
        lane = { queue: [], running: false };
        this.lanes.set(key, lane);
      }
      lane.queue.push({ item, resolve, reject });
      if (!lane.running) {
        lane.running = true;
        // Deferred so that items submitted in the same tick (one webhook's alerts) form one batch.
        const started = lane;
        queueMicrotask(() => void this.drain(key, started));
      }
    });
  }

  private async drain(key: string, lane: Lane<T>): Promise<void> {
    while (lane.queue.length > 0) {
      const batch = lane.queue.splice(0, this.maxBatch);
      try {
        await this.run(
          key,
          batch.map((pending) => pending.item),
        );
        for (const pending of batch) pending.resolve();
      } catch (error) {
        for (const pending of batch) pending.reject(error);
      }
    }
    lane.running = false;
    this.lanes.delete(key);
  }
}
