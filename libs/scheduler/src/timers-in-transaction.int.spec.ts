import { type Pool, type PoolClient } from 'pg';
import { createTestDatabase, describeWithInfrastructure, type TestDatabase, testPool } from '@incident/testing';
import { deferredTimerChanges } from './deferred-timer-changes';
import { Scheduler } from './scheduler';
import { eventually, quietLogger } from './testing-support/scheduler-test-kit';

type Payload = { readonly incidentId: string };

const inAnHour = () => new Date(Date.now() + 3_600_000);

describeWithInfrastructure(['postgres'], 'Scheduler: timers written in the caller’s transaction ({ tx })', () => {
  let database: TestDatabase;
  let pool: Pool;
  let writer: Scheduler<Payload>;

  beforeAll(async () => {
    database = await createTestDatabase('scheduler_tx');
    pool = testPool(database.url, 12);
    writer = new Scheduler({ queue: 'escalation', pool, logger: quietLogger() });
    await writer.backlog(); // creates the table outside the transactions below
  });
  afterAll(async () => {
    await writer?.stop();
    await pool?.end();
    await database?.drop();
  });

  const statusOf = async (key: string): Promise<string | undefined> =>
    (await pool.query<{ status: string }>('SELECT status FROM scheduler.timer WHERE key = $1', [key])).rows[0]?.status;

  async function inTransaction(work: (tx: PoolClient) => Promise<void>, end: 'COMMIT' | 'ROLLBACK'): Promise<void> {
    const tx = await pool.connect();
    try {
      await tx.query('BEGIN');
      await work(tx);
      await tx.query(end);
    } finally {
      tx.release();
    }
  }

  describe('when the transaction commits', () => {
    it('the timer appears only with the commit, and the changes apply in the order made', async () => {
      let seenBeforeCommit: string | undefined = 'not looked';
      await inTransaction(async (tx) => {
        await writer.schedule('sla:1', inAnHour(), { incidentId: '1' }, { tx });
        await writer.schedule('sla:2', inAnHour(), { incidentId: '2' }, { tx });
        await writer.cancel('sla:2', { tx });
        seenBeforeCommit = await statusOf('sla:1');
      }, 'COMMIT');
      expect(seenBeforeCommit).toBeUndefined();
      expect([await statusOf('sla:1'), await statusOf('sla:2')]).toEqual(['pending', 'cancelled']);
    });

    it('answers like the pool does: a repeat is a no-op, a moved timer is rescheduled', async () => {
      const dueAt = inAnHour();
      const later = new Date(dueAt.getTime() + 60_000);
      const answers: unknown[] = [];
      await inTransaction(async (tx) => {
        answers.push(await writer.schedule('level:3', dueAt, { incidentId: '3' }, { tx }));
        answers.push(await writer.schedule('level:3', dueAt, { incidentId: '3' }, { tx }));
        answers.push(await writer.reschedule('level:3', later, { tx }));
      }, 'COMMIT');
      expect(answers).toEqual([
        { created: true, status: 'pending' },
        { created: false, status: 'pending' },
        'rescheduled',
      ]);
      expect((await writer.get('level:3'))?.dueAt).toEqual(later);
    });
  });

  describe('when the transaction rolls back', () => {
    it('leaves no timer behind, and a cancel in it leaves the timer pending', async () => {
      await writer.schedule('sla:4', inAnHour(), { incidentId: '4' });
      await inTransaction(async (tx) => {
        await writer.schedule('sla:5', inAnHour(), { incidentId: '5' }, { tx });
        await writer.cancel('sla:4', { tx });
      }, 'ROLLBACK');
      expect([await statusOf('sla:4'), await statusOf('sla:5')]).toEqual(['pending', undefined]);
    });
  });

  describe('when a committed timer falls due', () => {
    it('fires once across two replicas started after it was written (durable, like any other)', async () => {
      await inTransaction(async (tx) => {
        await writer.schedule('sla:6', new Date(Date.now() + 200), { incidentId: '6' }, { tx });
      }, 'COMMIT');
      const fired: string[] = [];
      const replicas = [0, 1].map(() => {
        const replica = new Scheduler<Payload>({ queue: 'escalation', pool, logger: quietLogger() });
        replica.onFire(async (timer) => void fired.push(timer.payload.incidentId));
        return replica;
      });
      try {
        await Promise.all(replicas.map((replica) => replica.start()));
        await eventually('sla:6 fired', async () => ((await statusOf('sla:6')) === 'fired' ? true : undefined));
      } finally {
        await Promise.all(replicas.map((replica) => replica.stop()));
      }
      expect(fired).toEqual(['6']);
    });
  });

  describe('when handlers of one transaction defer their changes to its end (deferredTimerChanges)', () => {
    it('writes them all at once, in the order made, a key in use keeping its timer', async () => {
      const firstDue = inAnHour();
      await writer.schedule('sla:9', firstDue, { incidentId: '9' });
      const later = new Date(firstDue.getTime() + 60_000);
      const works: ((tx: PoolClient) => Promise<unknown>)[] = [];
      const writeLast = (work: (tx: PoolClient) => Promise<unknown>) => void works.push(work);
      // Two handlers of one run, each with its own changes object on the run's one writeLast.
      const first = deferredTimerChanges(writer, writeLast);
      const second = deferredTimerChanges(writer, writeLast);
      first.schedule('sla:9', later, { incidentId: '9' });
      first.schedule('sla:10', firstDue, { incidentId: '10' });
      second.schedule('sla:11', firstDue, { incidentId: '11' });
      second.cancel('sla:10');
      first.reschedule('sla:11', later);
      expect(works).toHaveLength(1);
      await inTransaction(async (tx) => {
        for (const work of works) await work(tx);
      }, 'COMMIT');
      expect([await statusOf('sla:9'), await statusOf('sla:10'), await statusOf('sla:11')]).toEqual([
        'pending',
        'cancelled',
        'pending',
      ]);
      expect([(await writer.get('sla:9'))?.dueAt, (await writer.get('sla:11'))?.dueAt]).toEqual([firstDue, later]);
    });
  });

  describe('when two queues defer changes to one transaction', () => {
    it('writes each queue its own timers', async () => {
      const other = new Scheduler<Payload>({ queue: 'remediation', pool, logger: quietLogger() });
      // Used once before, as a service's scheduler is started before it consumes: a first use creates the table,
      // which would wait for the open transaction that wrote the other queue's timers.
      await other.backlog();
      const works: ((tx: PoolClient) => Promise<unknown>)[] = [];
      const writeLast = (work: (tx: PoolClient) => Promise<unknown>) => void works.push(work);
      deferredTimerChanges(writer, writeLast).schedule('reminder:12', inAnHour(), { incidentId: '12' });
      deferredTimerChanges(other, writeLast).schedule('reminder:13', inAnHour(), { incidentId: '13' });
      await inTransaction(async (tx) => {
        for (const work of works) await work(tx);
      }, 'COMMIT');
      const queues = await pool.query<{ key: string; queue: string }>(
        `SELECT key, queue FROM scheduler.timer WHERE key LIKE 'reminder:%' ORDER BY key`,
      );
      expect(queues.rows).toEqual([
        { key: 'reminder:12', queue: 'escalation' },
        { key: 'reminder:13', queue: 'remediation' },
      ]);
    });
  });

  describe('when a firing sets the next timer with its outcome (writeWithOutcome)', () => {
    it('commits both together; a handler that throws sets nothing, and its retry does', async () => {
      await writer.schedule('level:7', new Date(), { incidentId: '7' });
      await writer.schedule('level:8', new Date(), { incidentId: '8' });
      const attempts = new Map<string, number>();
      const replica = new Scheduler<Payload>({
        queue: 'escalation',
        pool,
        logger: quietLogger(),
        retry: { baseDelayMs: 50, maxDelayMs: 50 },
      });
      replica.onFire(async (timer) => {
        if (!timer.key.startsWith('level:')) return;
        const attempt = (attempts.get(timer.key) ?? 0) + 1;
        attempts.set(timer.key, attempt);
        const next = `next:${timer.payload.incidentId}`;
        timer.writeWithOutcome((tx) => replica.schedule(next, inAnHour(), timer.payload, { tx }));
        if (timer.key === 'level:8' && attempt === 1) throw new Error('channel down');
      });
      try {
        await replica.start();
        await eventually('both levels fired', async () =>
          (await statusOf('level:7')) === 'fired' && (await statusOf('level:8')) === 'fired' ? true : undefined,
        );
      } finally {
        await replica.stop();
      }
      expect([await statusOf('next:7'), await statusOf('next:8')]).toEqual(['pending', 'pending']);
      expect(Object.fromEntries(attempts)).toEqual({ 'level:7': 1, 'level:8': 2 });
    });
  });
});
