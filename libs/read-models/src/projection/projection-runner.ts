import type { EventStore, RecordedEvent } from '@incident/event-store';
import type { DataSource } from 'typeorm';
import { applyPage, projectPage } from './apply-page';
import { loadCheckpoints } from './checkpoint-store';
import type { Projection } from './projection';

export interface StepReport {
  /** The longest page read; below the batch size, every projection stepped has caught up. */
  readonly read: number;
  /** Events committed per projection in this step (absent: nothing, or another writer got there first). */
  readonly applied: ReadonlyMap<string, number>;
  readonly failed: ReadonlyMap<string, unknown>;
}

/**
 * Drives projections along the event store's global log. Projections standing at the same checkpoint (the
 * usual case: all caught up, or all rebuilding) share one read of each page and apply it side by side, each in
 * its own transaction with its own checkpoint; one that lags (just reset, say) reads on its own until it
 * reaches the others. Reading the log is most of a light projection's cost, so sharing it matters.
 */
export class ProjectionRunner {
  private readonly prefetched = new Map<string | null, Promise<RecordedEvent[]>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: Pick<EventStore, 'readAll'>,
    readonly projections: readonly Projection[],
    readonly batchSize = 500,
  ) {}

  /** One page for every group of projections; a projection's failure is reported, not thrown. */
  async step(only: readonly Projection[] = this.projections): Promise<StepReport> {
    // Read afresh every step rather than cached: a rebuild run elsewhere (the CLI) may have reset one.
    const checkpoints = await loadCheckpoints(
      this.dataSource,
      only.map((projection) => projection.name),
    );
    const groups = new Map<string | null, Projection[]>();
    for (const projection of only) {
      const from = checkpoints.get(projection.name) ?? null;
      groups.set(from, [...(groups.get(from) ?? []), projection]);
    }
    for (const stale of [...this.prefetched.keys()].filter((from) => !groups.has(from))) this.prefetched.delete(stale);
    const applied = new Map<string, number>();
    const failed = new Map<string, unknown>();
    const reads = await Promise.all(
      [...groups].map(async ([from, members]) => {
        const page = projectPage(await this.read(from));
        await Promise.all(
          members.map((projection) =>
            applyPage(this.dataSource, projection, from, page).then(
              (ok) => (ok && page.length > 0 ? applied.set(projection.name, page.length) : undefined),
              (error: unknown) => failed.set(projection.name, error),
            ),
          ),
        );
        return page.length;
      }),
    );
    return { read: Math.max(0, ...reads), applied, failed };
  }

  /**
   * A page after `from`, prefetched during the previous step when that one was full: while the projections
   * apply one page the next is already on its way. Safe because a page after a checkpoint is fixed once read
   * (a later read may only find more events, which the next step picks up).
   */
  private read(from: string | null): Promise<RecordedEvent[]> {
    const prefetched = this.prefetched.get(from);
    this.prefetched.delete(from);
    const page =
      prefetched ?? this.store.readAll({ ...(from === null ? {} : { after: from }), maxCount: this.batchSize });
    return page.then((events) => {
      const last = events.at(-1);
      if (last && events.length === this.batchSize) {
        const next = this.store.readAll({ after: last.checkpoint, maxCount: this.batchSize });
        next.catch(() => undefined);
        this.prefetched.set(last.checkpoint, next);
      }
      return events;
    });
  }

  /** Steps until no projection finds anything more to read; the first failure is thrown. */
  async catchUp(onStep?: (report: StepReport) => void): Promise<void> {
    for (;;) {
      const report = await this.step();
      onStep?.(report);
      const [failure] = report.failed.values();
      if (report.failed.size > 0) throw failure;
      if (report.read === 0) return;
    }
  }
}
