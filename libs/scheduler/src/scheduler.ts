import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Pool, type PoolClient } from 'pg';
import type { Registry } from 'prom-client';
import { FiringLoop } from './firing-loop';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { describeError, type SchedulerLogger, stderrSchedulerLogger } from './scheduler-logger';
import type { CancelOutcome, RescheduleOutcome, ScheduleResult, TimerHandler, TimerSnapshot } from './timer';
import { TimerListener } from './timer-listener';
import { publishBacklog, timerMetrics, type TimerMetrics } from './timer-metrics';
import { type Backlog, TimerStore } from './timer-store';
import { ensureTimerTable } from './timer-table';
import { WakeUp } from './wake-up';

/**
 * `tx`: a connection inside the caller's open transaction (a consumer's `ctx.tx`): the change commits with the
 * caller's rows or not at all, and costs no transaction of its own. Its wake-up NOTIFY goes out at that COMMIT.
 */
export interface TimerWriteOptions {
  readonly tx?: PoolClient;
}

export interface SchedulerOptions {
  /** Names this service's timers (e.g. 'escalation'); replicas of one service share it, others never see them. */
  readonly queue: string;
  /** A pool of the caller's (left open on stop), or a connection string for a pool of the scheduler's own. */
  readonly pool?: Pool;
  readonly connectionString?: string;
  /** The service's prom-client registry (the platform's METRICS_REGISTRY); no metrics without it. */
  readonly registry?: Registry;
  readonly logger?: SchedulerLogger;
  /** Recorded on the timers this replica claims (`claimed_by`); defaults to host, pid and a random suffix. */
  readonly replicaId?: string;
  /** The longest a ready timer waits when no notification reaches this replica (default 1 s). */
  readonly pollIntervalMs?: number;
  /** How long a claim lasts: a replica that dies holding a timer delays it this long (default 30 s). */
  readonly leaseMs?: number;
  /** Handlers running at once on this replica (default 16). */
  readonly concurrency?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** How often timers_pending, timers_failed and timers_overdue_seconds are counted (default 5 s). */
  readonly backlogRefreshMs?: number;
}

/**
 * Durable timers in PostgreSQL (`scheduler.timer`). `schedule`, `reschedule` and `cancel` work whether or not
 * this replica fires timers; `start` begins firing them with the one handler given to `onFire`. A timer that
 * fell due while no replica ran fires at the first `start`.
 */
export class Scheduler<Payload = unknown> {
  readonly queue: string;
  readonly replicaId: string;
  /** Its name among the service's background loops (logs, /health/ready). */
  readonly name: string;
  private readonly pool: Pool;
  private ownsPool: boolean;
  private readonly store: TimerStore;
  private readonly metrics: TimerMetrics | undefined;
  private readonly logger: SchedulerLogger;
  private readonly wake = new WakeUp();
  private handler: TimerHandler<Payload> | undefined;
  private schema: Promise<void> | undefined;
  private running:
    { abort: AbortController; loop: FiringLoop; listener: TimerListener; done: Promise<void> } | undefined;

  constructor(private readonly options: SchedulerOptions) {
    if (!/^[\w.:-]{1,100}$/.test(options.queue)) throw new RangeError(`invalid scheduler queue "${options.queue}"`);
    if (!options.pool && !options.connectionString) throw new Error('a scheduler needs a pool or a connectionString');
    this.queue = options.queue;
    this.name = `scheduler:${options.queue}`;
    this.replicaId = options.replicaId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.ownsPool = !options.pool;
    this.pool = options.pool ?? new Pool({ connectionString: options.connectionString, max: 8 });
    this.store = new TimerStore(this.pool, this.queue);
    this.metrics = options.registry ? timerMetrics(options.registry) : undefined;
    this.logger = options.logger ?? stderrSchedulerLogger;
    // An idle connection dropped by a PostgreSQL restart is reported on the pool; unheard, it would end the process.
    if (this.ownsPool)
      this.pool.on('error', (error) => this.logger.warn({ error: describeError(error) }, 'idle connection lost'));
  }

  /** The handler for every timer of this queue; set it before `start` (a Nest provider's constructor). */
  onFire(handler: TimerHandler<Payload>): void {
    if (this.handler) throw new Error(`scheduler ${this.queue} has a handler already`);
    this.handler = handler;
  }

  /** Idempotent by key: the same key, due time and payload again is a no-op; a different one throws TimerKeyInUse. */
  async schedule(key: string, dueAt: Date, payload: Payload, options?: TimerWriteOptions): Promise<ScheduleResult> {
    await this.ready(key, dueAt);
    const result = await this.store.schedule(key, dueAt, payload, options?.tx);
    if (result.created) this.wake.ringAt(dueAt.getTime());
    return result;
  }

  /**
   * `schedule` for many timers at once, in one statement, where a key in use is not an error: that timer (the
   * same one again, or another the first caller set) stays as it is. For a caller that would ignore
   * TimerKeyInUse anyway and writes many timers in one transaction (`{ tx }`). Resolves with the keys created.
   */
  async scheduleIfFree(
    timers: readonly { readonly key: string; readonly dueAt: Date; readonly payload: Payload }[],
    options?: TimerWriteOptions,
  ): Promise<string[]> {
    for (const timer of timers) await this.ready(timer.key, timer.dueAt);
    if (timers.length === 0) return [];
    const created = await this.store.scheduleIfFree(timers, options?.tx);
    const due = new Map(timers.map((timer) => [timer.key, timer.dueAt.getTime()]));
    for (const key of created) this.wake.ringAt(due.get(key) ?? Date.now());
    return created;
  }

  /** Moves a pending or failed timer (a failed one is revived with fresh attempts); fired and cancelled stay. */
  async reschedule(key: string, dueAt: Date, options?: TimerWriteOptions): Promise<RescheduleOutcome> {
    await this.ready(key, dueAt);
    const outcome = await this.store.reschedule(key, dueAt, options?.tx);
    if (outcome === 'rescheduled') this.wake.ringAt(dueAt.getTime());
    return outcome;
  }

  /** `cancel` for many keys in one statement (`{ tx }` as above); resolves with how many were cancelled. */
  async cancelAll(keys: readonly string[], options?: TimerWriteOptions): Promise<number> {
    for (const key of keys) await this.ready(key);
    return this.store.cancelAll(keys, options?.tx);
  }

  /** A cancelled timer never fires again; a firing already under way still finishes (its effect may happen). */
  async cancel(key: string, options?: TimerWriteOptions): Promise<CancelOutcome> {
    await this.ready(key);
    return this.store.cancel(key, options?.tx);
  }

  async get(key: string): Promise<TimerSnapshot<Payload> | undefined> {
    await this.ready(key);
    return (await this.store.get(key)) as TimerSnapshot<Payload> | undefined;
  }

  async start(): Promise<void> {
    if (this.running) return;
    const handler = this.handler;
    if (!handler) throw new Error(`scheduler ${this.queue} has no handler: call onFire before start`);
    await this.ready();
    const abort = new AbortController();
    const onError = (error: unknown) =>
      this.logger.warn({ queue: this.queue, error: describeError(error) }, 'timer notifications interrupted; polling');
    const listener = new TimerListener(this.pool, this.queue, (at) => this.wake.ringAt(at), onError);
    const loop = new FiringLoop(
      {
        store: this.store,
        handler: handler as TimerHandler,
        wake: this.wake,
        listener,
        metrics: this.metrics,
        logger: this.logger,
      },
      {
        replicaId: this.replicaId,
        pollIntervalMs: this.options.pollIntervalMs ?? 1_000,
        leaseMs: this.options.leaseMs ?? 30_000,
        concurrency: this.options.concurrency ?? 16,
        retry: { ...DEFAULT_RETRY_POLICY, ...this.options.retry },
        backlogRefreshMs: this.options.backlogRefreshMs ?? 5_000,
      },
    );
    this.running = { abort, loop, listener, done: loop.run(abort.signal) };
    this.logger.info({ queue: this.queue, replica: this.replicaId }, 'scheduler started');
  }

  /**
   * The scheduler as one of the platform's background loops (`loops.register(scheduler)`): fires until `signal`
   * aborts, then stops within `stopWithinMs`. A database unreachable at start-up is waited out, not a crash (a
   * replica must come up while PostgreSQL restarts); a missing handler is one.
   */
  async run(signal: AbortSignal, stopWithinMs: number): Promise<void> {
    if (!this.handler) throw new Error(`scheduler ${this.queue} has no handler: call onFire before it runs`);
    for (let failures = 0; !signal.aborted && !this.running; failures += 1) {
      await this.start().catch(async (error: unknown) => {
        this.logger.warn({ queue: this.queue, error: describeError(error) }, 'scheduler cannot start yet; retrying');
        await this.wake.sleep(Math.min(500 * 2 ** Math.min(failures, 6), 30_000), signal);
      });
    }
    if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    await this.stop(stopWithinMs);
  }

  /** Stops claiming, waits up to `timeoutMs` for the handlers in flight, then lets go of its connections. */
  async stop(timeoutMs = 10_000): Promise<void> {
    const running = this.running;
    this.running = undefined;
    if (running) {
      running.abort.abort();
      await running.done;
      if (!(await running.loop.drain(timeoutMs))) {
        this.logger.warn({ queue: this.queue }, 'stopped with handlers still running; their timers will re-fire');
      }
      await running.listener.close();
    }
    if (this.ownsPool) {
      this.ownsPool = false; // ended once: a second stop must not end it again
      await this.pool.end();
    }
  }

  /** Counts the queue's backlog now (and updates timers_pending, timers_failed, timers_overdue_seconds). */
  async backlog(): Promise<Backlog> {
    await this.ready();
    const backlog = await this.store.backlog();
    if (this.metrics) publishBacklog(this.metrics, this.queue, backlog);
    return backlog;
  }

  private async ready(key?: string, dueAt?: Date): Promise<void> {
    if (key !== undefined && (key.length === 0 || key.length > 500))
      throw new RangeError('a timer key is 1 to 500 characters');
    if (dueAt !== undefined && Number.isNaN(dueAt.getTime())) throw new RangeError(`timer ${key}: invalid due time`);
    this.schema ??= ensureTimerTable(this.pool).catch((error: unknown) => {
      this.schema = undefined;
      throw error;
    });
    await this.schema;
  }
}
