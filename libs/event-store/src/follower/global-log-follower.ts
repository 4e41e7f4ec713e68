import type { RecordedEvent } from '../envelope';
import type { EventStore } from '../event-store.port';
import { pause, WakeUp, type LogWakeUp } from './wake-up';

/** A page of the global log as a reader receives it. */
export interface LogPage {
  /** The checkpoint it was read after (exclusive); undefined: the start of the log. */
  readonly from: string | undefined;
  /** In global order; never empty. */
  readonly events: readonly RecordedEvent[];
}

export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

export interface FollowerFailure {
  /** The reader whose page failed; undefined when the turn itself failed (reading the log or the positions). */
  readonly reader: string | undefined;
  readonly error: unknown;
  /** Consecutive failures, this one included. */
  readonly failures: number;
  /** How long the reader (or, for a failed turn, the whole follower) now sits out. */
  readonly retryInMs: number;
}

export interface GlobalLogFollowerOptions {
  readonly store: Pick<EventStore, 'readAll'>;
  /** Who follows: each reader keeps a durable checkpoint of its own. */
  readonly readers: readonly string[];
  /**
   * Where the readers stand, from wherever they keep their checkpoints; asked at every turn, so a checkpoint
   * moved by someone else (another replica, a rebuild) is followed. Absent or undefined: the start of the log.
   */
  readonly positions: (readers: readonly string[]) => Promise<ReadonlyMap<string, string | undefined>>;
  /**
   * Applies one page for one reader and persists the reader's checkpoint with its effects, as the reader's
   * guarantee requires; the follower never moves a checkpoint itself. A throw sets that reader aside with
   * backoff while the others carry on; the page is read again for it later.
   */
  readonly handle: (reader: string, page: LogPage, signal: AbortSignal) => Promise<void>;
  readonly batchSize: number;
  /** The longest a caught-up follower sleeps when nothing wakes it. */
  readonly idlePollMs: number;
  /** Rung when the log may have grown (the store's wakeUp()); without it the follower only polls. */
  readonly wakeUp?: LogWakeUp;
  /**
   * Committed events readers cannot see yet (`hiddenEvents(store)`; PostgreSQL's xmin rule). With it, a caught-up
   * follower that was woken re-reads soon while any are hidden, however much its read found; without it, only
   * when a ring's read found nothing at all.
   */
  readonly hiddenEvents?: () => Promise<number>;
  readonly backoff?: Backoff;
  /** Called for each failure before backing off; a throw from it ends follow() with that error. */
  readonly onError?: (failure: FollowerFailure) => void;
}

const DEFAULT_BACKOFF: Backoff = { initialMs: 250, maxMs: 30_000 };

interface TurnOutcome {
  /** The longest page read; below the batch size, every reader of the turn has caught up. */
  readonly longest: number;
  readonly failed: readonly { reader: string; error: unknown }[];
}

/**
 * Follows the store's global log for one or more readers, each with its own durable checkpoint. A turn asks
 * where the readers stand, reads one page for each distinct checkpoint (readers at the same one, the usual
 * case, share the read) and hands it to each of them. While there is a backlog it turns without pausing,
 * reading the next page while the readers handle the current one; once caught up it waits for the store's
 * wake-up or the poll interval. A failed turn backs off exponentially; a reader whose page failed sits out
 * with its own backoff while the others go on.
 *
 * Readers see exactly what readAll returns, so the store's visibility rule holds for them all (PostgreSQL: no
 * event at or above the snapshot xmin, in transaction-id order), and an empty page only means "nothing
 * visible yet", never "the end".
 */
export class GlobalLogFollower {
  private readonly backoff: Backoff;
  /** The page after a checkpoint, read ahead while the page before it is handled. */
  private readonly prefetched = new Map<string | undefined, Promise<RecordedEvent[]>>();
  private readonly failures = new Map<string, number>();
  private readonly retryAt = new Map<string, number>();
  private turnFailures = 0;

  constructor(private readonly options: GlobalLogFollowerOptions) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
  }

  /**
   * Follows until `signal` aborts; the pages in hand are handled to the end first (handlers get the signal and
   * may cut short). Never stops on a failure unless onError throws, which rejects with that error.
   */
  async follow(signal: AbortSignal): Promise<void> {
    const wakeUp = this.options.wakeUp ?? new WakeUp();
    // Events committed but hidden behind an older transaction still running (on PostgreSQL, anywhere in the
    // cluster, see hiddenEvents): when that transaction ends without appending (a projection's own write, a
    // checkpoint, another database's work) it rings nobody, and the hidden events would wait for the next poll.
    // So a woken follower that finds some hidden re-reads soon (5 ms, doubling up to the poll interval). Asking
    // only after a ring or a busy turn keeps an idle follower's polls at one read each.
    let woken = true;
    let hiddenRetryMs = 0;
    while (!signal.aborted) {
      const now = Date.now();
      const ready = this.options.readers.filter((reader) => (this.retryAt.get(reader) ?? 0) <= now);
      if (ready.length === 0) {
        await pause(Math.min(...this.retryAt.values()) - now, signal);
        continue;
      }
      let outcome: TurnOutcome;
      try {
        outcome = await this.turn(ready, signal);
      } catch (error) {
        this.turnFailures += 1;
        const retryInMs = this.delay(this.turnFailures);
        this.options.onError?.({ reader: undefined, error, failures: this.turnFailures, retryInMs });
        await pause(retryInMs, signal);
        continue;
      }
      this.turnFailures = 0;
      for (const { reader, error } of outcome.failed) this.setAside(reader, error);
      if (outcome.longest < this.options.batchSize && outcome.failed.length === 0 && !signal.aborted) {
        const hidden = (woken || hiddenRetryMs > 0) && (await this.someHidden(outcome));
        hiddenRetryMs = hidden ? Math.min(this.options.idlePollMs, Math.max(5, hiddenRetryMs * 2)) : 0;
        // Caught up; a reader sitting out is due back at its time, not at the next poll.
        const due = Math.min(...this.retryAt.values()) - Date.now();
        const timeoutMs = Math.max(0, Math.min(hiddenRetryMs || this.options.idlePollMs, due));
        const waitedFrom = Date.now();
        await wakeUp.wait(timeoutMs, signal);
        woken = Date.now() - waitedFrom < timeoutMs;
      } else {
        woken = true;
        hiddenRetryMs = 0;
      }
    }
  }

  /** Whether events are hidden now; without the store's count, a caught-up read that found nothing suggests so. */
  private async someHidden(outcome: TurnOutcome): Promise<boolean> {
    const count = this.options.hiddenEvents;
    if (!count) return outcome.longest === 0;
    try {
      return (await count()) > 0;
    } catch {
      return outcome.longest === 0;
    }
  }

  /**
   * Turns until no reader finds anything more to read, then returns; the first failure is thrown. An empty
   * page may only mean that an older transaction hides the rest for now (see hiddenEvents).
   */
  async catchUp(signal: AbortSignal = new AbortController().signal): Promise<void> {
    while (!signal.aborted) {
      const outcome = await this.turn(this.options.readers, signal);
      const [failure] = outcome.failed;
      if (failure) throw failure.error;
      if (outcome.longest === 0) return;
    }
  }

  private async turn(readers: readonly string[], signal: AbortSignal): Promise<TurnOutcome> {
    const positions = await this.options.positions(readers);
    const groups = new Map<string | undefined, string[]>();
    for (const reader of readers) {
      const from = positions.get(reader);
      groups.set(from, [...(groups.get(from) ?? []), reader]);
    }
    for (const stale of [...this.prefetched.keys()].filter((from) => !groups.has(from))) this.prefetched.delete(stale);
    const failed: { reader: string; error: unknown }[] = [];
    const lengths = await Promise.all(
      [...groups].map(async ([from, members]) => {
        const events = await this.read(from);
        if (events.length === 0) return 0;
        const page: LogPage = { from, events };
        await Promise.all(
          members.map((reader) =>
            this.options.handle(reader, page, signal).then(
              () => this.recovered(reader),
              (error: unknown) => void failed.push({ reader, error }),
            ),
          ),
        );
        return events.length;
      }),
    );
    return { longest: Math.max(0, ...lengths), failed };
  }

  /**
   * The page after `from`, read ahead during the previous turn when that page was full. Safe because a page
   * after a checkpoint is fixed once read: a later read may only find more events after it, which the next
   * turn picks up (on PostgreSQL, an event that becomes visible later sorts after everything visible now).
   */
  private read(from: string | undefined): Promise<RecordedEvent[]> {
    const { store, batchSize } = this.options;
    const prefetched = this.prefetched.get(from);
    this.prefetched.delete(from);
    const page = prefetched ?? store.readAll({ ...(from === undefined ? {} : { after: from }), maxCount: batchSize });
    return page.then((events) => {
      const last = events.at(-1);
      if (last && events.length === batchSize) {
        const next = store.readAll({ after: last.checkpoint, maxCount: batchSize });
        next.catch(() => undefined); // an unused read-ahead's failure is nobody's business; a used one rethrows
        this.prefetched.set(last.checkpoint, next);
      }
      return events;
    });
  }

  private setAside(reader: string, error: unknown): void {
    const failures = (this.failures.get(reader) ?? 0) + 1;
    const retryInMs = this.delay(failures);
    this.failures.set(reader, failures);
    this.retryAt.set(reader, Date.now() + retryInMs);
    this.options.onError?.({ reader, error, failures, retryInMs });
  }

  private recovered(reader: string): void {
    this.failures.delete(reader);
    this.retryAt.delete(reader);
  }

  private delay(failures: number): number {
    return Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** Math.min(failures - 1, 20));
  }
}
