import type { EventStore } from '@incident/event-store';
import type { DataSource } from 'typeorm';
import type { Projection } from './projection';
import { ProjectionRunner, type StepReport } from './projection-runner';
import { PollingWakeUp, type WakeUp } from './store-wake-up';

export interface ProjectionDaemonOptions {
  readonly batchSize: number;
  /** How long a caught-up daemon sleeps when nothing wakes it. */
  readonly idlePollMs: number;
  readonly wakeUp?: WakeUp;
  /** `projection` is '*' when the step itself failed (the store or the checkpoint table unreachable). */
  readonly onError?: (projection: string, error: unknown) => void;
  readonly onStep?: (report: StepReport) => void;
}

const MAX_BACKOFF_MS = 30_000;
const backoffMs = (failures: number) => Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(failures, 7));

/**
 * Keeps the projections following the log. A projection that fails (a bug on some event) sits out with
 * exponential backoff while the others carry on. Nothing here blocks start-up: start() returns at once and
 * the catch-up happens in the background.
 */
export class ProjectionDaemon {
  private stopped = false;
  private loop: Promise<void> | undefined;
  private readonly runner: ProjectionRunner;
  private readonly wakeUp: WakeUp;
  private readonly backoff = new PollingWakeUp();
  private readonly failures = new Map<string, number>();
  private readonly retryAt = new Map<string, number>();

  constructor(
    dataSource: DataSource,
    store: Pick<EventStore, 'readAll'>,
    private readonly projections: readonly Projection[],
    private readonly options: ProjectionDaemonOptions,
  ) {
    this.runner = new ProjectionRunner(dataSource, store, projections, options.batchSize);
    this.wakeUp = options.wakeUp ?? new PollingWakeUp();
  }

  start(): void {
    this.loop ??= this.follow();
  }

  /** Lets the step in hand finish (each transaction commits or rolls back whole), then returns. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([this.wakeUp.close(), this.backoff.close()]);
    await this.loop;
  }

  private async follow(): Promise<void> {
    let stepFailures = 0;
    while (!this.stopped) {
      const now = Date.now();
      const ready = this.projections.filter((projection) => (this.retryAt.get(projection.name) ?? 0) <= now);
      if (ready.length === 0) {
        await this.backoff.wait(Math.min(...this.retryAt.values()) - now);
        continue;
      }
      try {
        const report = await this.runner.step(ready);
        stepFailures = 0;
        this.record(report);
        if (report.read < this.options.batchSize && report.failed.size === 0 && !this.stopped) {
          await this.wakeUp.wait(this.options.idlePollMs);
        }
      } catch (error) {
        stepFailures += 1;
        this.options.onError?.('*', error);
        if (!this.stopped) await this.backoff.wait(backoffMs(stepFailures));
      }
    }
  }

  private record(report: StepReport): void {
    for (const name of report.applied.keys()) {
      this.failures.delete(name);
      this.retryAt.delete(name);
    }
    for (const [name, error] of report.failed) {
      const failures = (this.failures.get(name) ?? 0) + 1;
      this.failures.set(name, failures);
      this.retryAt.set(name, Date.now() + backoffMs(failures));
      this.options.onError?.(name, error);
    }
    this.options.onStep?.(report);
  }
}
