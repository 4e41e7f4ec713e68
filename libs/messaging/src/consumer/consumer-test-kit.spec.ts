// Helpers shared by the consumer's integration suites. Named *.spec.ts so the library build leaves it out;
// Jest runs only *.unit.spec.ts / *.int.spec.ts, so it is never mistaken for a suite.
import { randomUUID } from 'node:crypto';
import { type Kafka, type KafkaMessage, Partitioners, type Producer } from 'kafkajs';
import { Pool } from 'pg';
import type { Registry } from 'prom-client';
import type { RecordedEvent } from '@incident/event-store';
import { createTestDatabase, createTestTopic, eventually, testKafka, type TestDatabase } from '@incident/testing';
import type { IncidentEventContext } from './incident-event-handler';
import type { MessagingLogger } from './messaging-logger';

let position = 0n;

/** An event as the store would have recorded it; the hash chain is not checked by consumers. */
export function recordedEvent(streamId: string, streamRevision: number, type = 'NoteAdded'): RecordedEvent {
  position += 1n;
  return {
    id: randomUUID(),
    type,
    schemaVersion: 1,
    data: { note: `${streamId}@${streamRevision}` },
    metadata: {
      occurredAt: '2026-11-22T04:00:00.000Z',
      recordedAt: '2026-11-22T04:00:01.000Z',
      actor: { kind: 'system', id: 'test' },
      correlationId: randomUUID(),
      causationId: null,
      prevHash: '0'.repeat(64),
      hash: 'f'.repeat(64),
    },
    streamId,
    streamRevision,
    globalPosition: position,
    checkpoint: position.toString(),
  };
}

export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly details: Record<string, unknown>;
  readonly message: string;
}

/** Keeps what the consumer logs, for assertions, and keeps the test output quiet. */
export function collectingLogger(): Required<MessagingLogger> & { readonly entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at =
    (level: LogEntry['level']) =>
    (details: object, message: string): void => {
      entries.push({ level, details: details as Record<string, unknown>, message });
    };
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** `eventually` with the consumer suites' longer default (a group forming on a busy broker). */
export function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 90_000,
  intervalMs = 100,
): Promise<T> {
  return eventually(what, probe, { timeoutMs, intervalMs });
}

/** The sum of a metric's values whose labels include `labels`. */
export async function metricValue(registry: Registry, name: string, labels: Record<string, string> = {}) {
  const metric = registry.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  return values
    .filter((value) => Object.entries(labels).every(([label, wanted]) => value.labels[label] === wanted))
    .reduce((sum, value) => sum + value.value, 0);
}

/** The handler's own table: one row per application, in the order the transactions inserted them. */
export async function createConsumedTable(pool: Pool): Promise<void> {
  await pool.query(
    `CREATE TABLE consumed (
       seq bigserial PRIMARY KEY,
       event_id uuid NOT NULL,
       event_type text NOT NULL,
       stream_id text NOT NULL,
       stream_revision integer NOT NULL,
       partition integer NOT NULL,
       kafka_offset bigint NOT NULL,
       instance text NOT NULL
     )`,
  );
}

export async function insertConsumed(
  event: RecordedEvent,
  context: IncidentEventContext,
  instance = 'only',
): Promise<void> {
  await context.tx.query(
    `INSERT INTO consumed (event_id, event_type, stream_id, stream_revision, partition, kafka_offset, instance)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [event.id, event.type, event.streamId, event.streamRevision, context.partition, context.offset, instance],
  );
}

/** What every consumer suite stands on: its own database (with `consumed`), topic, dead-letter topic, producer. */
export interface ConsumerRig {
  readonly database: TestDatabase;
  readonly pool: Pool;
  readonly kafka: Kafka;
  readonly producer: Producer;
  readonly topic: string;
  readonly dlqTopic: string;
  /** Disconnects and drops everything; stop the suite's consumers first. */
  close(): Promise<void>;
}

export async function startConsumerRig(
  label: string,
  { partitions, poolSize = 6 }: { partitions: number; poolSize?: number },
): Promise<ConsumerRig> {
  const database = await createTestDatabase(label);
  const pool = new Pool({ connectionString: database.url, max: poolSize });
  // Dropping the test database ends any connection still idle in the pool; that is expected, not a crash.
  pool.on('error', () => undefined);
  await createConsumedTable(pool);
  const kafka = testKafka(label.replace(/_/g, '-'));
  const topic = await createTestTopic(kafka, 'incident-events', partitions);
  const dlqTopic = await createTestTopic(kafka, 'incident-dlq', 1);
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  return {
    database,
    pool,
    kafka,
    producer,
    topic,
    dlqTopic,
    close: async () => {
      await producer.disconnect();
      await pool.end();
      await database.drop();
    },
  };
}

/** The record at one position of a topic, read with a plain consumer of its own (not the code under test). */
export async function readRecordAt(
  kafka: Kafka,
  topic: string,
  partition: number,
  offset: string,
): Promise<{ key: string | null; value: string | null; headers: Record<string, string> }> {
  const consumer = kafka.consumer({ groupId: `read-back-${randomUUID()}` });
  await consumer.connect();
  try {
    let found: KafkaMessage | undefined;
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition: from, message }) => {
        if (from === partition && message.offset === offset) found = message;
      },
    });
    consumer.seek({ topic, partition, offset });
    const message = await waitFor(`${topic} ${partition}:${offset}`, async () => found, 30_000);
    const text = (value: Buffer | string | null | undefined) => (value == null ? null : value.toString());
    const headers = Object.fromEntries(
      Object.entries(message.headers ?? {}).map(([name, value]) => [name, text(value as Buffer) ?? '']),
    );
    return { key: text(message.key), value: text(message.value), headers };
  } finally {
    await consumer.disconnect();
  }
}
