import { type Pool } from 'pg';
import { Registry } from 'prom-client';
import { createTestDatabase, testPool, describeWithInfrastructure, type TestDatabase } from '@incident/testing';
import { PermanentTimerFailure } from './errors';
import { Scheduler, type SchedulerOptions } from './scheduler';
import { eventually, quietLogger, seriesValue } from './testing-support/scheduler-test-kit';
import type { FiringTimer, TimerHandler, TimerStatus } from './timer';

describeWithInfrastructure(['postgres'], 'Scheduler: firing', () => {
  let database: TestDatabase;
  let pool: Pool;
  const started: Scheduler<string>[] = [];
  let queueCount = 0;

  beforeAll(async () => {
    database = await createTestDatabase('scheduler_firing');
    pool = testPool(database.url, 20);
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((scheduler) => scheduler.stop(500)));
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  /** A scheduler on a queue of the test's own, firing with `handler` once started. */
  function replica(handler: TimerHandler<string>, options: Partial<SchedulerOptions> = {}) {
    const scheduler = new Scheduler<string>({
      queue: `q${queueCount}`,
      pool,
      logger: quietLogger(),
      pollIntervalMs: 200,
      retry: { baseDelayMs: 20, maxDelayMs: 100, maxAttempts: 3 },
      ...options,
    });
    scheduler.onFire(handler);
    started.push(scheduler);
    return scheduler;
  }
  beforeEach(() => void (queueCount += 1));

  const status = (scheduler: Scheduler<string>, key: string, wanted: TimerStatus) =>
    eventually(`${key} to be ${wanted}`, async () => {
      const timer = await scheduler.get(key);
      return timer?.status === wanted ? timer : undefined;
    });

  it('fires at start a timer that fell due while no replica ran, with its key, payload, due time and attempt', async () => {
    const registry = new Registry();
    const fired: FiringTimer<string>[] = [];
    const scheduler = replica(async (timer) => void fired.push(timer), { registry });
    const dueAt = new Date(Date.now() - 60_000);
    await scheduler.schedule('missed', dueAt, 'while down');
    await scheduler.start();
    await status(scheduler, 'missed', 'fired');
    expect(fired).toEqual([
      {
        queue: scheduler.queue,
        key: 'missed',
        payload: 'while down',
        dueAt,
        attempt: 1,
        writeWithOutcome: expect.any(Function),
      },
    ]);
    expect(await seriesValue(registry, 'timers_fired_total', scheduler.queue)).toBe(1);
    expect(await seriesValue(registry, 'timer_fire_lag_seconds', scheduler.queue)).toBe(1);
    await scheduler.backlog();
    expect(await seriesValue(registry, 'timers_pending', scheduler.queue)).toBe(0);
  });

  it('is woken by a timer another process schedules, long before its next poll', async () => {
    const fired: string[] = [];
    const scheduler = replica(async (timer) => void fired.push(timer.key), { pollIntervalMs: 600_000 });
    await scheduler.start();
    // Another process's scheduler (not firing) schedules: only its notification can wake the sleeping loop.
    const elsewhere = new Scheduler<string>({ queue: scheduler.queue, pool, logger: quietLogger() });
    await eventually('the loop to listen', async () =>
      (
        await pool.query(`SELECT 1 FROM pg_stat_activity
          WHERE datname = current_database() AND query = 'LISTEN scheduler_timer'`)
      ).rowCount
        ? true
        : undefined,
    );
    await elsewhere.schedule('soon', new Date(Date.now() + 50), 'notified');
    await status(scheduler, 'soon', 'fired');
    expect(fired).toEqual(['soon']);
  });

  it('retries a failing handler with backoff, then records the firing once it succeeds', async () => {
    const registry = new Registry();
    const attempts: number[] = [];
    const scheduler = replica(
      async (timer) => {
        attempts.push(timer.attempt);
        if (timer.attempt < 3) throw new Error(`flaky ${timer.attempt}`);
      },
      { registry },
    );
    await scheduler.schedule('flaky', new Date(), 'x');
    await scheduler.start();
    expect(await status(scheduler, 'flaky', 'fired')).toMatchObject({ attempts: 3, lastError: null });
    expect(attempts).toEqual([1, 2, 3]);
    expect(await seriesValue(registry, 'timer_handler_errors_total', scheduler.queue)).toBe(2);
  });

  it('marks a timer failed after its last attempt, keeps the error, and a reschedule revives it', async () => {
    const registry = new Registry();
    let healthy = false;
    const scheduler = replica(
      async () => {
        if (!healthy) throw new Error('downstream refuses');
      },
      { registry },
    );
    await scheduler.schedule('doomed', new Date(), 'x');
    await scheduler.start();
    expect(await status(scheduler, 'doomed', 'failed')).toMatchObject({
      attempts: 3,
      lastError: 'Error: downstream refuses',
    });
    expect(await seriesValue(registry, 'timers_failed_total', scheduler.queue)).toBe(1);
    expect(await scheduler.backlog()).toMatchObject({ pending: 0, failed: 1 });
    expect(await seriesValue(registry, 'timers_failed', scheduler.queue)).toBe(1);
    healthy = true;
    expect(await scheduler.reschedule('doomed', new Date())).toBe('rescheduled');
    expect(await status(scheduler, 'doomed', 'fired')).toMatchObject({ attempts: 1 });
    expect(await scheduler.backlog()).toMatchObject({ pending: 0, failed: 0 });
  });

  it('fails a timer at once when its handler throws PermanentTimerFailure', async () => {
    const scheduler = replica(async () => {
      throw new PermanentTimerFailure('the incident is gone');
    });
    await scheduler.schedule('hopeless', new Date(), 'x');
    await scheduler.start();
    expect(await status(scheduler, 'hopeless', 'failed')).toMatchObject({
      attempts: 1,
      lastError: 'PermanentTimerFailure: the incident is gone',
    });
  });

  it('never fires a cancelled timer, while a later one of the same queue fires', async () => {
    const fired: string[] = [];
    const scheduler = replica(async (timer) => void fired.push(timer.key));
    // Both due before the replica starts, so the cancel cannot race a firing, however slow this machine is.
    await scheduler.schedule('cancelled', new Date(Date.now() - 2_000), 'x');
    await scheduler.schedule('kept', new Date(Date.now() - 1_000), 'x');
    expect(await scheduler.cancel('cancelled')).toBe('cancelled');
    await scheduler.start();
    await status(scheduler, 'kept', 'fired');
    expect(fired).toEqual(['kept']);
    expect(await scheduler.get('cancelled')).toMatchObject({ status: 'cancelled', attempts: 0 });
  });

  it("re-fires on another replica a timer whose holder hangs past its lease, and the holder's late outcome is ignored", async () => {
    const calls: { replica: string; attempt: number }[] = [];
    let releaseHung: () => void = () => undefined;
    const hung = new Promise<void>((resolve) => (releaseHung = resolve));
    const first = replica(
      async (timer) => {
        calls.push({ replica: 'first', attempt: timer.attempt });
        await hung;
      },
      // One slot, held by the hung handler: the first replica cannot claim the timer again itself.
      { leaseMs: 2_000, concurrency: 1 },
    );
    await first.schedule('stuck', new Date(), 'x');
    await first.start();
    await eventually('the first replica to hold the timer', async () => (calls.length > 0 ? true : undefined));
    const second = replica(async (timer) => void calls.push({ replica: 'second', attempt: timer.attempt }), {
      leaseMs: 2_000,
    });
    await second.start();
    expect(await status(second, 'stuck', 'fired')).toMatchObject({ attempts: 2 });
    releaseHung();
    await first.stop(5_000);
    expect(calls).toEqual([
      { replica: 'first', attempt: 1 },
      { replica: 'second', attempt: 2 },
    ]);
    expect(await second.get('stuck')).toMatchObject({ status: 'fired', attempts: 2 });
  });

  it('claims each timer once across replicas working side by side', async () => {
    const fired: string[] = [];
    const handler = async (timer: FiringTimer<string>) => void fired.push(timer.key);
    const replicas = [replica(handler, { concurrency: 4 }), replica(handler, { concurrency: 4 })];
    const keys = Array.from({ length: 200 }, (_, index) => `side-by-side-${index}`);
    await Promise.all(keys.map((key) => replicas[0]!.schedule(key, new Date(), key)));
    await Promise.all(replicas.map((scheduler) => scheduler.start()));
    await eventually('every timer to fire', async () =>
      (await replicas[0]!.backlog()).pending === 0 ? true : undefined,
    );
    expect([...fired].sort()).toEqual([...keys].sort());
  });

  it('waits out a database unreachable at start-up when run as a background loop, and stops when told', async () => {
    const logger = quietLogger();
    const unreachable = new Scheduler<string>({
      queue: 'unreachable',
      connectionString: 'postgres://nobody@127.0.0.1:1/none',
      logger,
    });
    unreachable.onFire(async () => undefined);
    const stop = new AbortController();
    const running = unreachable.run(stop.signal, 1_000);
    await eventually('a second attempt to start', async () =>
      logger.lines.filter((line) => line.startsWith('scheduler cannot start yet')).length >= 2 ? true : undefined,
    );
    stop.abort();
    await expect(running).resolves.toBeUndefined();
  });

  it('refuses to run without a handler: a crash the platform reports, not a silent idle loop', async () => {
    const idle = new Scheduler<string>({ queue: 'no-handler', pool, logger: quietLogger() });
    await expect(idle.run(new AbortController().signal, 1_000)).rejects.toThrow(/no handler/);
  });
});
