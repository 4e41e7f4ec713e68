import { randomUUID } from 'node:crypto';
import { type Pool } from 'pg';
import { incidentStreamId } from '@incident/domain';
import { createEventStore, type HashChainedEventStore, IncidentCommandHandler } from '@incident/event-store';
import { createTestDatabase, testPool, describeWithInfrastructure, type TestDatabase } from '@incident/testing';
import { Scheduler } from './scheduler';
import { eventually, quietLogger } from './testing-support/scheduler-test-kit';
import { TimerReplicaProcess } from './testing-support/timer-replica-process';

const QUEUE = 'e2e';
const BEFORE_KILL = 700; // due while the replicas run; one replica is SIGKILLed among them
const WHILE_DOWN = 300; // due while both replicas are down; fired by the restarted ones
const CANCELLED = 50;
const keys = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, index) => `${prefix}-${String(index).padStart(4, '0')}`);

describeWithInfrastructure(['postgres'], 'Scheduler e2e: 1,000 timers over two replica processes', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: HashChainedEventStore;
  let scheduler: Scheduler<{ incidentId: string }>;
  const replicas: TimerReplicaProcess[] = [];
  /** Each timer's incident: its firing posts one status update there, with the timer key as the cause. */
  const incidents = new Map<string, string>();

  beforeAll(async () => {
    database = await createTestDatabase('scheduler_e2e');
    pool = testPool(database.url, 10);
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
  const scheduleAll = (timerKeys: string[], dueAt: (index: number) => Date) =>
    Promise.all(
      timerKeys.map((key, index) => scheduler.schedule(key, dueAt(index), { incidentId: incidents.get(key)! })),
    );

  /** Opens an incident for each timer, 20 at a time, through the command handler the replicas use. */
  async function openIncidents(timerKeys: string[]): Promise<void> {
    const commands = new IncidentCommandHandler(store);
    const actor = { kind: 'system', id: 'scheduler-e2e' } as const;
    for (let from = 0; from < timerKeys.length; from += 20) {
      const page = timerKeys.slice(from, from + 20).map(async (key) => {
        const incidentId = randomUUID();
        incidents.set(key, incidentId);
        const [source, customerId, service, openedAt] = ['scheduler-e2e', 'acme', 'timers', new Date().toISOString()];
        const data = { incidentId, dedupKey: key, source, customerId, service, title: key, openedAt };
        await commands.execute({ type: 'OpenIncident', data }, { actor, correlationId: key });
      });
      await Promise.all(page);
    }
  }

  /** Each timer's incident history, its status updates told apart by whether their cause is that timer. */
  async function histories(timerKeys: string[]): Promise<string[]> {
    const found: string[] = [];
    for (let from = 0; from < timerKeys.length; from += 50) {
      const page = timerKeys.slice(from, from + 50).map(async (key) => {
        const events = await store.readStream(incidentStreamId(incidents.get(key)!));
        const cause = (causationId: string | null) => (causationId === key ? 'its timer' : String(causationId));
        return events
          .map((event) =>
            event.type === 'StatusUpdatePosted' ? `${event.type} for ${cause(event.metadata.causationId)}` : event.type,
          )
          .join(', ');
      });
      found.push(...(await Promise.all(page)));
    }
    return found;
  }

  it('gives each timer exactly one effect, fires what fell due while all were down, never a cancelled one', async () => {
    const cancelled = keys('cancelled', CANCELLED);
    const beforeKill = keys('run', BEFORE_KILL);
    const whileDown = keys('down', WHILE_DOWN);
    await openIncidents([...cancelled, ...beforeKill, ...whileDown]);

    // The first replica pauses long after each effect: killed, it leaves timers whose effect happened but
    // whose firing was never recorded. The second finishes the run and re-fires those once their lease ends.
    const doomed = await startReplica('a', 300);
    const survivor = await startReplica('b', 0);
    const start = Date.now() + 1_000;
    await scheduleAll(cancelled, (index) => new Date(start + 2_000 + index * 10));
    expect(new Set(await Promise.all(cancelled.map((key) => scheduler.cancel(key))))).toEqual(new Set(['cancelled']));
    await scheduleAll(beforeKill, (index) => new Date(start + Math.floor((index * 3_000) / BEFORE_KILL)));

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
    const dueWhileDown = new Date(Date.now() + 200);
    await scheduleAll(whileDown, () => dueWhileDown);
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
    expect(new Set(await histories(fired))).toEqual(new Set(['IncidentOpened, StatusUpdatePosted for its timer']));
    expect(new Set(await histories(cancelled))).toEqual(new Set(['IncidentOpened']));
    expect(await attemptsOn('cancelled')).toBe(0);
    const refired = await pool.query<{ key: string; duplicates: number }>(
      `SELECT key, count(*) FILTER (WHERE outcome = 'duplicate')::int AS duplicates
         FROM scheduler_e2e.fire_attempt GROUP BY key HAVING count(*) > 1`,
    );
    expect(refired.rows.length).toBeGreaterThanOrEqual(3);
    expect(refired.rows.filter((row) => row.duplicates > 0).length).toBeGreaterThanOrEqual(3);
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
    // Each replica refreshes its own gauge on its own turn, so each is waited for: one may report before the other.
    for (const replica of restarted)
      await eventually('timers_pending to reach 0', async () =>
        (await replica.metric('timers_pending', labels)) === 0 ? true : undefined,
      );
    const afterRestart = await Promise.all(
      restarted.map(async (replica) => ({
        fired: await replica.metric('timers_fired_total', labels),
        lags: await replica.metric('timer_fire_lag_seconds_count', labels),
      })),
    );
    expect(afterRestart.reduce((sum, replica) => sum + replica.fired, 0)).toBe(WHILE_DOWN);
    expect(afterRestart.reduce((sum, replica) => sum + replica.lags, 0)).toBe(WHILE_DOWN);

    const pace = await pool.query<{ phase: string; timers: number; seconds: number }>(
      `SELECT CASE WHEN key LIKE 'down-%' THEN 'after restart' ELSE 'before and after the kill' END AS phase,
              count(DISTINCT key)::int AS timers, extract(epoch FROM max(at) - min(at))::float8 AS seconds
         FROM scheduler_e2e.fire_attempt GROUP BY 1`,
    );
    for (const { phase, timers, seconds } of pace.rows) {
      console.log(
        `scheduler e2e, ${phase}: ${timers} timers in ${seconds.toFixed(2)} s (${(timers / seconds).toFixed(0)}/s)`,
      );
    }
  }, 300_000);
});
