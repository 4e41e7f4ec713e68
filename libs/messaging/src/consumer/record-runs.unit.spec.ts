import type { KafkaMessage, Producer } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import type { RecordedEvent } from '@incident/event-store';
import { toIncidentEventMessage } from '../incident-event-message';
import { collectingLogger, recordedEvent } from './consumer-test-kit.spec';
import type { IncidentEventHandler } from './incident-event-handler';
import { RecordProcessor, type RecordProcessorSettings } from './record-processor';

/**
 * A connection that remembers each statement's first word, finds `appliedBefore` applied, and answers the claim
 * with the ids it was given less those (as ON CONFLICT DO NOTHING … RETURNING does).
 */
function fakeClient(statements: string[], appliedBefore: ReadonlySet<string>): PoolClient {
  return {
    query: async (sql: string, values?: unknown[]) => {
      statements.push(sql.trim().split(/\s+/)[0]!);
      const ids = [...new Set((values?.[1] ?? []) as string[])];
      if (sql.startsWith('SELECT')) {
        const found = ids.filter((id) => appliedBefore.has(id));
        return { rowCount: found.length, rows: found.map((event_id) => ({ event_id })) };
      }
      if (!sql.includes('unnest')) return { rowCount: 1, rows: [] };
      const claimed = ids.filter((id) => !appliedBefore.has(id));
      return { rowCount: claimed.length, rows: claimed.map((event_id) => ({ event_id })) };
    },
    release: () => undefined,
  } as unknown as PoolClient;
}

function processor(
  handler: IncidentEventHandler,
  options: Partial<RecordProcessorSettings> = {},
  before = new Set<string>(),
) {
  const statements: string[] = [];
  const settings: RecordProcessorSettings = {
    groupId: 'escalation',
    dlqTopic: 'incident.dlq',
    pool: { connect: async () => fakeClient(statements, before) } as unknown as Pool,
    handler,
    producer: { send: async () => [] } as unknown as Producer,
    maxAttempts: 3,
    backoff: { baseMs: 10, maxMs: 40 },
    isPermanent: () => false,
    logger: collectingLogger(),
    metrics: undefined,
    ...options,
  };
  return { processor: new RecordProcessor(settings), statements };
}

const record = (event: RecordedEvent, offset: number) => ({
  topic: 'incident.events',
  partition: 1,
  message: { ...toIncidentEventMessage(event), offset: String(offset), timestamp: '0', attributes: 0 } as KafkaMessage,
  heartbeat: async () => undefined,
});

const events = ['incident-a', 'incident-b', 'incident-a'].map((stream, i) => recordedEvent(stream, i));
const records = events.map(record);

describe('RecordProcessor.processRun', () => {
  describe('given several first deliveries of one partition', () => {
    it('applies them in one transaction: one read, the handlers in order, one claim statement, one COMMIT', async () => {
      const handled: string[] = [];
      const { processor: p, statements } = processor(async (event) => void handled.push(event.id));
      expect(await p.processRun(records)).toBe(3);
      expect(statements).toEqual(['BEGIN', 'SELECT', 'INSERT', 'COMMIT']);
      expect(handled).toEqual(events.map((event) => event.id));
    });

    it('skips the ones applied before, and applies an event delivered twice in the run once', async () => {
      const handled: string[] = [];
      const twice = [...records, record(events[2]!, 3)];
      const { processor: p } = processor(async (event) => void handled.push(event.id), {}, new Set([events[0]!.id]));
      expect(await p.processRun(twice)).toBe(4);
      expect(handled).toEqual([events[1]!.id, events[2]!.id]);
    });

    it('opens no transaction when nobody here handles any of them', async () => {
      const handler = jest.fn<ReturnType<IncidentEventHandler>, Parameters<IncidentEventHandler>>();
      const { processor: p, statements } = processor(handler, { accepts: () => false });
      expect(await p.processRun(records)).toBe(3);
      expect(statements).toEqual([]);
      expect(handler).not.toHaveBeenCalled();
    });
  });

  describe('when handlers leave writes for last (writeLast)', () => {
    it('runs them after every handler, in the order asked, before the claim and the COMMIT', async () => {
      const order: string[] = [];
      const { processor: p, statements } = processor(async (event, context) => {
        order.push(`handled ${event.id}`);
        context.writeLast(async (tx) => {
          order.push(`written ${event.id}`);
          await tx.query('UPDATE scheduler.timer');
        });
      });
      expect(await p.processRun(records)).toBe(3);
      expect(statements).toEqual(['BEGIN', 'SELECT', 'UPDATE', 'UPDATE', 'UPDATE', 'INSERT', 'COMMIT']);
      expect(order.slice(3)).toEqual(events.map((event) => `written ${event.id}`));
      // One stream's records in order: incident-a's second event is handled after its first.
      expect(order.indexOf(`handled ${events[2]!.id}`)).toBeGreaterThan(order.indexOf(`handled ${events[0]!.id}`));
    });

    it('runs none of them when a handler of the run fails: the run rolls back', async () => {
      const written: string[] = [];
      const { processor: p, statements } = processor(async (event, context) => {
        context.writeLast(async () => void written.push(event.id));
        if (event.id === events[2]!.id) throw new Error('directory unavailable');
      });
      expect(await p.processRun(records)).toBe(-3);
      expect(statements).toEqual(['BEGIN', 'SELECT', 'ROLLBACK']);
      expect(written).toEqual([]);
    });

    it('rolls the run back when one of them fails, like a failing handler', async () => {
      const { processor: p, statements } = processor(async (_event, context) => {
        context.writeLast(async () => {
          throw new Error('timer table unavailable');
        });
      });
      expect(await p.processRun(records)).toBe(-3);
      expect(statements).toEqual(['BEGIN', 'SELECT', 'ROLLBACK']);
    });

    it('runs them for a record taken alone too, before its claim', async () => {
      const { processor: p, statements } = processor(async (_event, context) => {
        context.writeLast(async (tx) => void (await tx.query('UPDATE scheduler.timer')));
      });
      expect(await p.process(records[0]!)).toEqual({ kind: 'done' });
      expect(statements).toEqual(['BEGIN', 'SELECT', 'UPDATE', 'INSERT', 'COMMIT']);
    });
  });

  describe('when a handler of the run fails', () => {
    it('rolls the whole run back and hands all its records to the one-at-a-time path', async () => {
      const { processor: p, statements } = processor(async (event) => {
        if (event.id === events[1]!.id) throw new Error('directory unavailable');
      });
      expect(await p.processRun(records)).toBe(-3);
      expect(statements).toEqual(['BEGIN', 'SELECT', 'ROLLBACK']);
    });

    it("counts the run as the failing record's first attempt: alone, it waits out its backoff, then tries again", async () => {
      const attempts: number[] = [];
      const { processor: p } = processor(
        async (event, context) => {
          if (event.id !== events[1]!.id) return;
          attempts.push(context.attempt);
          if (context.attempt === 1) throw new Error('directory unavailable');
        },
        { backoff: { baseMs: 60_000, maxMs: 60_000 } },
      );
      await p.processRun(records);
      expect(await p.process(records[0]!)).toEqual({ kind: 'done' });
      expect(await p.process(records[1]!)).toMatchObject({ kind: 'retry' });
      expect(await p.processRun(records.slice(1))).toBe(0);
      expect(await p.process(records[1]!)).toEqual({ kind: 'done' });
      expect(attempts).toEqual([1, 2]);
    });
  });

  describe('when the run would be one record, or starts with one that does not parse', () => {
    it('leaves it to process()', async () => {
      const handler = jest.fn<ReturnType<IncidentEventHandler>, Parameters<IncidentEventHandler>>();
      const bad = { ...records[0]!, message: { ...records[0]!.message, value: Buffer.from('{nope') } };
      const { processor: p, statements } = processor(handler);
      expect(await p.processRun(records.slice(0, 1))).toBe(0);
      expect(await p.processRun([bad, ...records.slice(1)])).toBe(0);
      expect(statements).toEqual([]);
    });
  });
});
