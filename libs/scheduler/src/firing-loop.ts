import { PermanentTimerFailure } from './errors';
import { afterFailure, exceedsAttempts, type RetryPolicy, sleepBeforeNextRound } from './retry-policy';
import { describeError, type SchedulerLogger } from './scheduler-logger';
import type { TimerHandler } from './timer';
import type { TimerListener } from './timer-listener';
import { publishBacklog, type TimerMetrics } from './timer-metrics';
import type { ClaimedTimer, OutcomeWrite, TimerStore } from './timer-store';
import type { WakeUp } from './wake-up';

export interface FiringSettings {
  readonly replicaId: string;
  readonly pollIntervalMs: number;
  readonly leaseMs: number;
  readonly concurrency: number;
  readonly retry: RetryPolicy;
  readonly backlogRefreshMs: number;
}

export interface FiringParts {
  readonly store: TimerStore;
  readonly handler: TimerHandler;
  readonly wake: WakeUp;
  readonly listener: TimerListener;
  readonly metrics: TimerMetrics | undefined;
  readonly logger: SchedulerLogger;
}

/**
 * One replica's loop: claim what is ready (up to the free handler slots), run the handlers outside any
 * transaction, report each outcome with the claim's token, sleep until the next timer is ready, the poll
 * interval, a notification, or a slot freeing while more were ready. Claims start at once, without waiting
 * for the whole previous batch, so one slow handler never holds up the others.
 */
export class FiringLoop {
  private readonly inFlight = new Set<Promise<void>>();
  private moreReady = false;
  private backlogAt = 0;

  constructor(
    private readonly parts: FiringParts,
    private readonly settings: FiringSettings,
  ) {}

  async run(signal: AbortSignal): Promise<void> {
    const { store, wake, listener, metrics } = this.parts;
    // Series at 0 from the start, so a replica that has fired nothing yet still reports its counters.
    const labels = { queue: store.queue };
    for (const counter of [metrics?.fired, metrics?.failed, metrics?.errors]) counter?.inc(labels, 0);
    metrics?.fireLag.zero(labels);
    const { concurrency, pollIntervalMs, replicaId, leaseMs } = this.settings;
    for (let failures = 0; !signal.aborted;) {
      try {
        await listener.ensure();
        const free = concurrency - this.inFlight.size;
        if (free > 0) {
          const claimed = await store.claimReady(free, replicaId, leaseMs);
          for (const timer of claimed) this.track(this.fire(timer));
          this.moreReady = claimed.length === free;
        }
        await this.refreshBacklog();
        failures = 0;
        if (this.moreReady && this.inFlight.size < concurrency) continue;
        const full = this.inFlight.size >= concurrency;
        const delay = full ? pollIntervalMs : sleepBeforeNextRound(await store.msUntilNextReady(), pollIntervalMs);
        await wake.sleep(delay, signal);
      } catch (error) {
        failures += 1;
        this.parts.logger.warn({ queue: store.queue, error: describeError(error), failures }, 'timer loop failed');
        await wake.sleep(Math.min(pollIntervalMs * 2 ** Math.min(failures - 1, 6), 30_000), signal);
      }
    }
  }

  /** Waits for the handlers in flight, at most `timeoutMs`; the others' leases run out and they re-fire. */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    try {
      return await Promise.race([Promise.allSettled([...this.inFlight]).then(() => true), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Updates the backlog gauges, at most every backlogRefreshMs. */
  private async refreshBacklog(): Promise<void> {
    const { metrics, store } = this.parts;
    if (!metrics || Date.now() - this.backlogAt < this.settings.backlogRefreshMs) return;
    this.backlogAt = Date.now();
    publishBacklog(metrics, store.queue, await store.backlog());
  }

  private track(firing: Promise<void>): void {
    this.inFlight.add(firing);
    void firing.finally(() => {
      this.inFlight.delete(firing);
      if (this.moreReady) this.parts.wake.ring();
    });
  }

  /** Never rejects: a failure to record the outcome leaves the claim to run out, and the timer re-fires. */
  private async fire(timer: ClaimedTimer): Promise<void> {
    const { store, handler, metrics, logger } = this.parts;
    const labels = { queue: store.queue };
    const context = { queue: store.queue, key: timer.key, attempt: timer.attempt };
    try {
      if (exceedsAttempts(timer.attempt, this.settings.retry)) {
        if (await store.markFailed(timer, 'every attempt ended without an outcome (lease expired)')) {
          metrics?.failed.inc(labels);
          logger.error(context, 'timer failed: its leases kept running out');
        }
        return;
      }
      const withOutcome: OutcomeWrite[] = [];
      try {
        await handler({
          queue: store.queue,
          key: timer.key,
          payload: timer.payload,
          dueAt: timer.dueAt,
          attempt: timer.attempt,
          writeWithOutcome: (work) => void withOutcome.push(work),
        });
      } catch (error) {
        metrics?.errors.inc(labels);
        await this.handlerFailed(timer, error);
        return;
      }
      const lag = await store.markFired(timer, withOutcome);
      if (lag === undefined) {
        logger.info(context, 'timer fired, but its claim had been lost meanwhile (lease, cancel or reschedule)');
        return;
      }
      metrics?.fired.inc(labels);
      metrics?.fireLag.observe(labels, Math.max(lag, 0));
    } catch (error) {
      logger.error({ ...context, error: describeError(error) }, 'could not record a timer outcome');
    }
  }

  private async handlerFailed(timer: ClaimedTimer, error: unknown): Promise<void> {
    const { store, metrics, logger } = this.parts;
    const context = { queue: store.queue, key: timer.key, attempt: timer.attempt, error: describeError(error) };
    const next =
      error instanceof PermanentTimerFailure
        ? { action: 'give_up' as const }
        : afterFailure(timer.attempt, this.settings.retry);
    if (next.action === 'retry') {
      await store.markRetry(timer, next.delayMs, context.error);
      logger.warn({ ...context, retryInMs: next.delayMs }, 'timer handler failed; will retry');
      return;
    }
    if (await store.markFailed(timer, context.error)) {
      metrics?.failed.inc({ queue: store.queue });
      logger.error(context, 'timer failed: handler gave up');
    }
  }
}
