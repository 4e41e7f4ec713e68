import { GlobalLogFollower, hiddenEvents, type EventStore, type LogPage, type LogWakeUp } from '@incident/event-store';
import type { DataSource } from 'typeorm';
import { applyPage, projectPage, type ProjectedPage } from './apply-page';
import { DirectoryTimeline } from '../directory-terms/directory-timeline';
import { loadCheckpoints } from './checkpoint-store';
import type { Projection, ProjectionContext } from './projection';

export interface ProjectionRunnerOptions {
  readonly batchSize?: number;
  /** How long a caught-up runner sleeps when nothing wakes it (follow() only). */
  readonly idlePollMs?: number;
  readonly wakeUp?: LogWakeUp;
  /** Events a projection read and committed in one transaction (a page another writer applied first is not). */
  readonly onApplied?: (projection: string, events: number) => void;
  /** `projection` is '*' when the turn itself failed (the store or the checkpoint table unreachable). */
  readonly onError?: (projection: string, error: unknown) => void;
}

/**
 * Drives projections along the event store's global log, as the readers of one GlobalLogFollower: each
 * projection's checkpoint row is where it stands (read afresh every turn, since a rebuild run elsewhere may
 * reset one), and each page is applied in one transaction that also moves that checkpoint. Projections at the
 * same checkpoint (the usual case: all caught up, or all rebuilding) share one read of each page, and the page
 * is turned into domain events once for all of them; one that lags (just reset, say) reads on its own until it
 * reaches the others. Reading the log is most of a light projection's cost, so sharing it matters.
 */
export class ProjectionRunner {
  private readonly follower: GlobalLogFollower;
  private readonly projected = new WeakMap<LogPage, ProjectedPage>();
  private readonly byName: ReadonlyMap<string, Projection>;
  private readonly directory: DirectoryTimeline;
  private readonly context: ProjectionContext;
  private onApplied: ((projection: string, events: number) => void) | undefined;

  constructor(
    private readonly dataSource: DataSource,
    store: Pick<EventStore, 'readAll' | 'readStream'>,
    readonly projections: readonly Projection[],
    options: ProjectionRunnerOptions | number = {},
  ) {
    const settings = typeof options === 'number' ? { batchSize: options } : options;
    this.byName = new Map(projections.map((projection) => [projection.name, projection]));
    this.directory = new DirectoryTimeline(store);
    this.context = { termsAt: (placement) => this.directory.termsAt(placement.globalPosition) };
    this.onApplied = settings.onApplied;
    const onError = settings.onError;
    this.follower = new GlobalLogFollower({
      store,
      readers: projections.map((projection) => projection.name),
      batchSize: settings.batchSize ?? 500,
      idlePollMs: settings.idlePollMs ?? 1_000,
      ...(settings.wakeUp ? { wakeUp: settings.wakeUp } : {}),
      hiddenEvents: () => hiddenEvents(store),
      positions: async (names) => {
        const checkpoints = await loadCheckpoints(this.dataSource, names);
        return new Map(names.map((name) => [name, checkpoints.get(name) ?? undefined]));
      },
      handle: (name, page) => this.apply(name, page),
      ...(onError ? { onError: ({ reader, error }) => onError(reader ?? '*', error) } : {}),
    });
  }

  /** Follows the log until `signal` aborts; a failing projection sits out with backoff while the others go on. */
  follow(signal: AbortSignal): Promise<void> {
    return this.follower.follow(signal);
  }

  /** Turns until no projection finds anything more to read; the first failure is thrown. */
  async catchUp(onApplied?: (projection: string, events: number) => void): Promise<void> {
    const before = this.onApplied;
    this.onApplied = onApplied ?? before;
    try {
      await this.follower.catchUp();
    } finally {
      this.onApplied = before;
    }
  }

  private async apply(name: string, page: LogPage): Promise<void> {
    const projection = this.byName.get(name) as Projection;
    let projected = this.projected.get(page);
    if (!projected) {
      // Directory versions travel in the same log: learnt before any event after them is applied (and before the
      // page is cached, so a failed read is retried by the next projection rather than skipped).
      await this.directory.observe(page.events);
      projected = projectPage(page.events);
      this.projected.set(page, projected);
    }
    // false: another writer (a replica, a rebuild) moved the checkpoint first; the next turn reads where it is now.
    if (await applyPage(this.dataSource, projection, page.from ?? null, projected, this.context)) {
      this.onApplied?.(name, page.events.length);
    }
  }
}
