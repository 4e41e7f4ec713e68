import { Pool } from 'pg';
import { createEventStore, type HashChainedEventStore, StreamNotFound } from '@incident/event-store';
import { createTestDatabase, describeWithInfrastructure, type TestDatabase } from '@incident/testing';
import { Scheduler } from './scheduler';
import { eventually, quietLogger } from './scheduler-test-kit.spec';
import { TimerReplicaProcess } from './test-support/timer-replica-process';

const QUEUE = 'e2e';
const BEFORE_KILL = 700; // due while the replicas run; one replica is SIGKILLed among them
const WHILE_DOWN = 300; // due while both replicas are down; fired by the restarted ones
const CANCELLED = 50;
const key = (prefix: string, index: number) => `${prefix}-${String(index).padStart(4, '0')}`;
const keys = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => key(prefix, index));

describeWithInfrastructure(
  ['postgres'],
  'Scheduler end to end: 1,000 timers, two replica processes, one SIGKILLed',
  () => {
    let database: TestDatabase;
    let pool: Pool;
    let store: HashChainedEventStore;
    let scheduler: Scheduler<{ index: number }>;
    const replicas: TimerReplicaProcess[] = [];

    beforeAll(async () => {
      database = await createTestDatabase('scheduler_e2e');
      pool = new Pool({ connectionString: database.url, max: 10 });
      store = await createEventStore({ databaseUrl: database.url });
      await pool.query(`CREATE SCHEMA scheduler_e2e;
      CREATE TABLE scheduler_e2e.fire_attempt (
        id bigserial PRIMARY KEY, key text NOT NULL, replica text NOT NULL, attempt integer NOT NULL,
        outcome text, at timestamptz NOT NULL DEFAULT clock_timestamp())`);
      // This process only schedules and cancels; the replica processes fire.
      scheduler = new Scheduler({ queue: QUEUE, pool, logger: quietLogger() });
    });
    afterAll(async () => {
      await Promise.all(replicas.map((replica) => replica.kill('SIGKILL')));
      await store?.close();
      await pool?.end();
      await database?.drop();
    });

    async function startReplica(id: string, effectPauseMs: number): Promise<TimerReplicaProcess> {
      const replica = await TimerReplicaProcess.start(id, {
        DATABASE_URL: database.url,
        QUEUE,
        LEASE_MS: '2000',
        POLL_MS: '500',
        CONCURRENCY: '16',
        EFFECT_PAUSE_MS: String(effectPauseMs),
      });
      replicas.push(replica);
      return replica;
    }
    const count = async (sql: string, params: unknown[] = []) =>
      (await pool.query<{ n: number }>(sql, params)).rows[0]!.n;
    const pendingTimers = () =>
      count("SELECT count(*)::int AS n FROM scheduler.timer WHERE queue = $1 AND status = 'pending'", [QUEUE]);
    const attemptsOn = (prefix: string) =>
      count('SELECT count(*)::int AS n FROM scheduler_e2e.fire_attempt WHERE key LIKE $1', [`${prefix}-%`]);
    const effects = async (streamKeys: string[]) => {
      const lengths: number[] = [];
      for (let from = 0; from < streamKeys.length; from += 50) {
        const page = streamKeys.slice(from, from + 50);
        lengths.push(
          ...(await Promise.all(
            page.map((timerKey) =>
              store.readStream(`timer-effect-${timerKey}`).then(
                (events) => events.length,
                (error: unknown) => (error instanceof StreamNotFound ? 0 : Promise.reject(error)),
              ),
            ),
          )),
        );
      }
      return lengths;
    };

    it('gives each timer exactly one effect, fires what fell due while all were down, never a cancelled one', async () => {
      // The first replica pauses long after each effect: killed, it leaves timers whose effect happened but
      // whose firing was never recorded. The second finishes the run and re-fires those once their lease ends.
      const doomed = await startReplica('a', 300);
      const survivor = await startReplica('b', 0);
      const start = Date.now() + 1_000;
      const cancelled = keys('cancelled', CANCELLED);
      for (const [index, timerKey] of cancelled.entries()) {
        await scheduler.schedule(timerKey, new Date(start + 2_000 + index * 10), { index });
        expect(await scheduler.cancel(timerKey)).toBe('cancelled');
      }
      const beforeKill = keys('run', BEFORE_KILL);
      await Promise.all(
        beforeKill.map((timerKey, index) =>
          scheduler.schedule(timerKey, new Date(start + Math.floor((index * 3_000) / BEFORE_KILL)), { index }),
        ),
      );

      // Mid-run: some timers fired, and the first replica holds some whose effect is already in the store.
      await eventually('the first replica to hold timers with their effect done', async () => {
        const fired = await count("SELECT count(*)::int AS n FROM scheduler.timer WHERE status = 'fired'");
        const stranded = await count(
          `SELECT count(*)::int AS n FROM scheduler_e2e.fire_attempt f
           JOIN scheduler.timer t ON t.queue = $1 AND t.key = f.key
          WHERE f.replica = 'a' AND f.outcome = 'appended' AND t.status = 'pending' AND t.claimed_by = 'a'`,
          [QUEUE],
        );
        return fired >= 100 && stranded >= 3 ? true : undefined;
      });
      expect(await doomed.kill('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
      expect(await pendingTimers()).toBeGreaterThan(0);

      await eventually('the surviving replica to fire the rest', async () =>
        (await pendingTimers()) === 0 ? true : undefined,
      );
      expect(await survivor.kill('SIGTERM')).toEqual({ code: 0, signal: null });

      // Both down: these fall due with nobody to fire them.
      const whileDown = keys('down', WHILE_DOWN);
      const dueWhileDown = new Date(Date.now() + 200);
      await Promise.all(whileDown.map((timerKey, index) => scheduler.schedule(timerKey, dueWhileDown, { index })));
      await eventually('the timers to fall due', async () =>
        (await count("SELECT (now() > $1::timestamptz + interval '300 ms')::int AS n", [dueWhileDown])) === 1
          ? true
          : undefined,
      );
      expect(await attemptsOn('down')).toBe(0);

      const restartedAt = new Date();
      const restarted = await Promise.all([startReplica('a2', 0), startReplica('b2', 0)]);
      await eventually('the restarted replicas to fire what fell due', async () =>
        (await pendingTimers()) === 0 ? true : undefined,
      );

      // Exactly one effect per timer, re-fires included; none for a cancelled one.
      const fired = [...beforeKill, ...whileDown];
      expect(fired).toHaveLength(1_000);
      expect(new Set(await effects(fired))).toEqual(new Set([1]));
      expect(new Set(await effects(cancelled))).toEqual(new Set([0]));
      expect(await attemptsOn('cancelled')).toBe(0);
      const refired = await pool.query<{ key: string; attempts: number; already: number }>(
        `SELECT key, count(*)::int AS attempts, count(*) FILTER (WHERE outcome = 'already_done')::int AS already
         FROM scheduler_e2e.fire_attempt GROUP BY key HAVING count(*) > 1`,
      );
      expect(refired.rows.length).toBeGreaterThanOrEqual(3);
      expect(refired.rows.filter((row) => row.already > 0).length).toBeGreaterThanOrEqual(3);
      expect(
        await count(
          `SELECT count(*)::int AS n FROM scheduler.timer
          WHERE queue = $1 AND key LIKE 'down-%' AND status = 'fired' AND settled_at > $2`,
          [QUEUE, restartedAt],
        ),
      ).toBe(WHILE_DOWN);
      expect(
        await count(
          "SELECT count(*)::int AS n FROM scheduler_e2e.fire_attempt WHERE key LIKE 'down-%' AND replica NOT IN ('a2', 'b2')",
        ),
      ).toBe(0);

      const labels = `queue="${QUEUE}"`;
      await eventually('timers_pending to reach 0', async () =>
        (await restarted[0].metric('timers_pending', labels)) === 0 ? true : undefined,
      );
      expect(await restarted[1].metric('timers_pending', labels)).toBe(0);
      const firedAfterRestart = await Promise.all(
        restarted.map(async (replica) => ({
          fired: await replica.metric('timers_fired_total', labels),
          lags: await replica.metric('timer_fire_lag_seconds_count', labels),
        })),
      );
      expect(firedAfterRestart.reduce((sum, replica) => sum + replica.fired, 0)).toBe(WHILE_DOWN);
      expect(firedAfterRestart.reduce((sum, replica) => sum + replica.lags, 0)).toBe(WHILE_DOWN);

      const pace = await pool.query<{ phase: string; timers: number; seconds: number }>(
        `SELECT CASE WHEN key LIKE 'down-%' THEN 'after restart' ELSE 'before and after the kill' END AS phase,
              count(DISTINCT key)::int AS timers, extract(epoch FROM max(at) - min(at))::float8 AS seconds
         FROM scheduler_e2e.fire_attempt GROUP BY 1`,
      );
      for (const row of pace.rows) {
        console.log(
          `scheduler e2e, ${row.phase}: ${row.timers} timers in ${row.seconds.toFixed(2)} s (${(row.timers / row.seconds).toFixed(0)}/s)`,
        );
      }
    }, 300_000);
  },
);
