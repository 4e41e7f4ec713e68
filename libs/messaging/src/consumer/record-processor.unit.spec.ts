import type { KafkaMessage, Producer } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import { IllegalTransitionError, IncidentValidationError } from '@incident/domain';
import { ConcurrencyConflict, type RecordedEvent, UpcasterRegistry } from '@incident/event-store';
import { headerText, toIncidentEventMessage } from '../incident-event-message';
import { DLQ_HEADERS } from '../dlq/dead-letter';
import { collectingLogger, recordedEvent } from './consumer-test-kit.spec';
import type { IncidentEventHandler } from './incident-event-handler';
import { RecordProcessor, type RecordProcessorSettings } from './record-processor';
import { isPermanentFailure } from './retry-policy';

/** A connection that answers every statement with one affected row, and remembers the statements. */
function fakeClient(statements: string[]): PoolClient {
  return {
    query: async (sql: string) => {
      statements.push(sql.trim().split(/\s+/)[0]!);
      return { rowCount: 1, rows: [] };
    },
    release: () => undefined,
  } as unknown as PoolClient;
}

function processor(overrides: Partial<RecordProcessorSettings> & { sent?: unknown[] } = {}) {
  const sent = overrides.sent ?? [];
  const producer = {
    send: async (record: unknown) => {
      sent.push(record);
      return [];
    },
  } as unknown as Producer;
  const statements: string[] = [];
  const settings: RecordProcessorSettings = {
    groupId: 'triage',
    dlqTopic: 'incident.dlq',
    pool: { connect: async () => fakeClient(statements) } as unknown as Pool,
    handler: async () => undefined,
    producer,
    maxAttempts: 3,
    backoff: { baseMs: 10, maxMs: 40 },
    isPermanent: () => false,
    logger: collectingLogger(),
    metrics: undefined,
    ...overrides,
  };
  return { processor: new RecordProcessor(settings), sent, statements };
}

const event = recordedEvent('incident-1', 0);
const message = (value: Buffer | string | null, key: string | null = event.streamId): KafkaMessage => ({
  key: key === null ? null : Buffer.from(key),
  value: typeof value === 'string' ? Buffer.from(value) : value,
  offset: '42',
  headers: {},
  timestamp: '0',
  attributes: 0,
});
const record = (kafkaMessage: KafkaMessage) => ({
  topic: 'incident.events',
  partition: 2,
  message: kafkaMessage,
  heartbeat: async () => undefined,
});
const valid = () => record(message(toIncidentEventMessage(event).value as string));

describe('RecordProcessor', () => {
  describe('when the record is valid and the handler succeeds', () => {
    it('reads, handles, claims and commits in one transaction', async () => {
      const { processor: p, statements, sent } = processor();
      expect(await p.process(valid())).toEqual({ kind: 'done' });
      expect(statements).toEqual(['BEGIN', 'SELECT', 'INSERT', 'COMMIT']);
      expect(sent).toEqual([]);
    });
  });

  describe('when nobody here handles the event type', () => {
    it('acknowledges it without a transaction or a claim', async () => {
      const handler = jest.fn<ReturnType<IncidentEventHandler>, Parameters<IncidentEventHandler>>();
      const logger = collectingLogger();
      const { processor: p, statements, sent } = processor({ handler, logger, accepts: () => false });
      expect(await p.process(valid())).toEqual({ kind: 'done' });
      expect(statements).toEqual([]);
      expect(handler).not.toHaveBeenCalled();
      expect(sent).toEqual([]);
      expect(logger.entries.map((entry) => [entry.level, entry.details['type']])).toEqual([['debug', event.type]]);
    });
  });

  describe('when the event was written in an older schema', () => {
    it('hands the handler, and asks `accepts` about, the upcast event', async () => {
      const seen: RecordedEvent[] = [];
      const upcasters = new UpcasterRegistry([
        { type: event.type, fromVersion: 1, upcast: (data) => ({ ...(data as object), upcast: true }) },
      ]);
      const { processor: p } = processor({
        upcasters,
        accepts: (candidate) => seen.push(candidate) > 0,
        handler: async (handled) => void seen.push(handled),
      });
      await p.process(valid());
      expect(seen.map((handled) => [handled.schemaVersion, handled.data])).toEqual([
        [2, { ...(event.data as object), upcast: true }],
        [2, { ...(event.data as object), upcast: true }],
      ]);
    });
  });

  describe('when the record is not a valid event', () => {
    it.each([
      ['not JSON', message('{nope'), 'record value is not JSON'],
      ['keyed by something else', message(toIncidentEventMessage(event).value as string, 'other'), 'not the streamId'],
      ['without a value', message(null), 'record has no value'],
    ])('dead-letters a record %s after one attempt, without touching the database', async (_, bad, why) => {
      const { processor: p, statements, sent } = processor();
      expect(await p.process(record(bad))).toEqual({ kind: 'done' });
      expect(statements).toEqual([]);
      expect(sent).toHaveLength(1);
      const [dead] = (sent[0] as { messages: { headers: Record<string, string> }[] }).messages;
      expect(headerText(dead!.headers, DLQ_HEADERS.reason)).toBe('invalid-message');
      expect(headerText(dead!.headers, DLQ_HEADERS.attempts)).toBe('1');
      expect(headerText(dead!.headers, DLQ_HEADERS.error)).toContain(why);
    });
  });

  describe('when PostgreSQL cannot be reached', () => {
    it('waits and retries for as long as it takes, never counting an attempt or dead-lettering', async () => {
      const handler = jest.fn<ReturnType<IncidentEventHandler>, Parameters<IncidentEventHandler>>();
      const { processor: p, sent } = processor({
        handler,
        pool: { connect: async () => Promise.reject(new Error('connect ECONNREFUSED')) } as unknown as Pool,
      });
      const outcomes = [];
      for (let i = 0; i < 10; i += 1) outcomes.push(await p.process(valid()));
      expect(outcomes.every((outcome) => outcome.kind === 'retry')).toBe(true);
      expect(outcomes.map((outcome) => (outcome.kind === 'retry' ? outcome.delayMs : 0)).at(-1)).toBeLessThanOrEqual(
        40,
      );
      expect(handler).not.toHaveBeenCalled();
      expect(sent).toEqual([]);
    });
  });

  describe('when PostgreSQL goes away in the middle of a transaction', () => {
    it('does not count it against the record either', async () => {
      const shutdown = Object.assign(new Error('terminating connection due to administrator command'), {
        code: '57P01',
      });
      const { processor: p, sent } = processor({ handler: async () => Promise.reject(shutdown) });
      for (let i = 0; i < 6; i += 1) expect((await p.process(valid())).kind).toBe('retry');
      expect(sent).toEqual([]);
    });
  });

  describe('when the handler keeps failing', () => {
    it('retries with the attempt number, then dead-letters after the last attempt', async () => {
      const attempts: number[] = [];
      const {
        processor: p,
        sent,
        statements,
      } = processor({
        handler: async (_event, context) => {
          attempts.push(context.attempt);
          throw new Error('lock timeout');
        },
      });
      expect((await p.process(valid())).kind).toBe('retry');
      expect((await p.process(valid())).kind).toBe('retry');
      expect(await p.process(valid())).toEqual({ kind: 'done' });
      expect(attempts).toEqual([1, 2, 3]);
      expect(statements.filter((statement) => statement === 'ROLLBACK')).toHaveLength(3);
      const [dead] = (sent[0] as { messages: { headers: Record<string, string> }[] }).messages;
      expect(headerText(dead!.headers, DLQ_HEADERS.reason)).toBe('retries-exhausted');
      expect(headerText(dead!.headers, DLQ_HEADERS.attempts)).toBe('3');
    });
  });

  describe('when the dead-letter topic cannot be written', () => {
    it('keeps the record (no commit) and retries the dead letter alone, without running the handler again', async () => {
      let brokerDown = true;
      const sent: unknown[] = [];
      const handler = jest.fn(async () => {
        throw new Error('always');
      });
      const { processor: p } = processor({
        maxAttempts: 1,
        handler,
        producer: {
          send: async (dead: unknown) => {
            if (brokerDown) throw new Error('broker unavailable');
            sent.push(dead);
            return [];
          },
        } as unknown as Producer,
      });
      expect((await p.process(valid())).kind).toBe('retry');
      expect((await p.process(valid())).kind).toBe('retry');
      brokerDown = false;
      expect(await p.process(valid())).toEqual({ kind: 'done' });
      expect(handler).toHaveBeenCalledTimes(1);
      expect(sent).toHaveLength(1);
    });
  });

  describe('when the command handler refuses the command the event called for', () => {
    it.each([
      [new IllegalTransitionError('AcknowledgeIncident', 'closed'), 'cannot AcknowledgeIncident: incident is closed'],
      [new IncidentValidationError('LogTime', 'minutes', 'must be ≥ 1'), 'invalid LogTime: minutes must be ≥ 1'],
    ])('dead-letters it at once with the reason: %s', async (refusal, why) => {
      const { processor: p, sent } = processor({
        isPermanent: isPermanentFailure,
        handler: () => Promise.reject(refusal),
      });
      expect(await p.process(valid())).toEqual({ kind: 'done' });
      const [dead] = (sent[0] as { messages: { headers: Record<string, string> }[] }).messages;
      expect(headerText(dead!.headers, DLQ_HEADERS.reason)).toBe('permanent-error');
      expect(headerText(dead!.headers, DLQ_HEADERS.attempts)).toBe('1');
      expect(headerText(dead!.headers, DLQ_HEADERS.error)).toBe(`${refusal.name}: ${why}`);
    });

    it('retries one that lost the race for the stream', async () => {
      const conflict = new ConcurrencyConflict('incident-1', 5);
      const { processor: p, sent } = processor({
        isPermanent: isPermanentFailure,
        handler: () => Promise.reject(conflict),
      });
      expect((await p.process(valid())).kind).toBe('retry');
      expect(sent).toEqual([]);
    });
  });
});
