import { type Pool } from 'pg';
import { createTestDatabase, testPool, describeWithInfrastructure, type TestDatabase } from '@incident/testing';
import { TimerKeyInUse } from './errors';
import { Scheduler } from './scheduler';
import { quietLogger } from './testing-support/scheduler-test-kit';

const inAnHour = () => new Date(Date.now() + 3_600_000);

describeWithInfrastructure(['postgres'], 'Scheduler: schedule, reschedule and cancel', () => {
  let database: TestDatabase;
  let pool: Pool;
  let scheduler: Scheduler<{ incidentId: string; level?: number }>;

  beforeAll(async () => {
    database = await createTestDatabase('scheduler_api');
    pool = testPool(database.url, 12);
    scheduler = new Scheduler({ queue: 'escalation', pool, logger: quietLogger() });
  });
  afterAll(async () => {
    await scheduler?.stop();
    await pool?.end();
    await database?.drop();
  });

  const rows = async (key: string) =>
    (await pool.query('SELECT queue, status, due_at FROM scheduler.timer WHERE key = $1', [key])).rows;

  describe('schedule', () => {
    it('is a no-op for the same key, due time and payload', async () => {
      const dueAt = inAnHour();
      const first = await scheduler.schedule('ack-timeout:1', dueAt, { incidentId: '1', level: 1 });
      const again = await scheduler.schedule('ack-timeout:1', new Date(dueAt), { level: 1, incidentId: '1' });
      expect([first, again]).toEqual([
        { created: true, status: 'pending' },
        { created: false, status: 'pending' },
      ]);
      expect(await rows('ack-timeout:1')).toHaveLength(1);
    });

    it('refuses the same key with another due time or payload, naming reschedule', async () => {
      const dueAt = inAnHour();
      await scheduler.schedule('ack-timeout:2', dueAt, { incidentId: '2' });
      await expect(
        scheduler.schedule('ack-timeout:2', new Date(dueAt.getTime() + 1), { incidentId: '2' }),
      ).rejects.toThrow(/use reschedule/);
      await expect(scheduler.schedule('ack-timeout:2', dueAt, { incidentId: 'other' })).rejects.toBeInstanceOf(
        TimerKeyInUse,
      );
      expect((await scheduler.get('ack-timeout:2'))?.dueAt).toEqual(dueAt);
    });

    it('creates one timer when replicas schedule the same key at once', async () => {
      const dueAt = inAnHour();
      const results = await Promise.all(
        Array.from({ length: 10 }, () => scheduler.schedule('sla:3', dueAt, { incidentId: '3' })),
      );
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(await rows('sla:3')).toHaveLength(1);
    });

    it('keeps queues apart: one key in two queues is two timers', async () => {
      const other = new Scheduler({ queue: 'review', pool, logger: quietLogger() });
      await scheduler.schedule('shared-key', inAnHour(), { incidentId: '4' });
      await other.schedule('shared-key', new Date(0), { incidentId: 'elsewhere' });
      expect((await rows('shared-key')).map((row) => row.queue).sort()).toEqual(['escalation', 'review']);
    });

    it('rejects an invalid due time or key before touching the table', async () => {
      await expect(scheduler.schedule('bad-date', new Date(Number.NaN), { incidentId: '5' })).rejects.toThrow(
        RangeError,
      );
      await expect(scheduler.schedule('', inAnHour(), { incidentId: '5' })).rejects.toThrow(RangeError);
    });
  });

  describe('reschedule', () => {
    it('moves a pending timer, and moving it to the same time again changes nothing', async () => {
      await scheduler.schedule('sla:6', inAnHour(), { incidentId: '6' });
      const later = new Date(Date.now() + 7_200_000);
      expect(await scheduler.reschedule('sla:6', later)).toBe('rescheduled');
      expect(await scheduler.reschedule('sla:6', new Date(later))).toBe('unchanged');
      expect(await scheduler.get('sla:6')).toMatchObject({ dueAt: later, status: 'pending', attempts: 0 });
    });

    it('tells an unknown key and a cancelled timer apart, and moves neither', async () => {
      await scheduler.schedule('sla:7', inAnHour(), { incidentId: '7' });
      await scheduler.cancel('sla:7');
      expect(await scheduler.reschedule('sla:7', new Date())).toBe('cancelled');
      expect(await scheduler.reschedule('never-scheduled', new Date())).toBe('not_found');
      expect(await scheduler.get('sla:7')).toMatchObject({ status: 'cancelled' });
    });
  });

  describe('cancel', () => {
    it('cancels once and says so again when repeated', async () => {
      await scheduler.schedule('ack-timeout:8', inAnHour(), { incidentId: '8' });
      expect(await scheduler.cancel('ack-timeout:8')).toBe('cancelled');
      expect(await scheduler.cancel('ack-timeout:8')).toBe('cancelled');
      expect(await scheduler.cancel('never-scheduled')).toBe('not_found');
      expect((await scheduler.get('ack-timeout:8'))?.settledAt).toBeInstanceOf(Date);
    });

    it('keeps a cancelled key spent: scheduling it again is a no-op', async () => {
      const dueAt = inAnHour();
      await scheduler.schedule('ack-timeout:9', dueAt, { incidentId: '9' });
      await scheduler.cancel('ack-timeout:9');
      expect(await scheduler.schedule('ack-timeout:9', dueAt, { incidentId: '9' })).toEqual({
        created: false,
        status: 'cancelled',
      });
    });
  });

  it('counts the backlog of its own queue', async () => {
    const backlog = await scheduler.backlog();
    const pending = await pool.query(
      "SELECT count(*)::int AS n FROM scheduler.timer WHERE queue = 'escalation' AND status = 'pending'",
    );
    expect(backlog.pending).toBe(pending.rows[0].n);
    expect(backlog.pending).toBeGreaterThan(0);
  });
});
