import { Pool } from 'pg';
import { HashChainedEventStore, PostgresEventStoreAdapter } from '@incident/event-store';
import { IncidentEventConsumer } from '@incident/messaging';
import {
  createTestDatabase,
  describeWithInfrastructure,
  kafkaBrokers,
  uniqueName,
  type TestDatabase,
} from '@incident/testing';
import { Appender } from './test-support/appender';
import { InProcessRelay } from './test-support/in-process-relay';

const STREAMS = 500;
const EVENTS = 5_000;

/**
 * The backbone end to end, as issue 4 states it: events appended to the store travel through the relay and
 * Kafka to a service's consumer, which applies each exactly once in effect and each stream in revision order.
 */
describeWithInfrastructure(['postgres', 'kafka'], 'store → relay → Kafka → consumer', () => {
  let database: TestDatabase;
  let adapter: PostgresEventStoreAdapter;
  let pool: Pool;
  let relay: InProcessRelay;
  let consumer: IncidentEventConsumer;
  const prefix = `${uniqueName('pipeline')}.`;

  beforeAll(async () => {
    database = await createTestDatabase('pipeline');
    adapter = await PostgresEventStoreAdapter.connect({ connectionString: database.url, poolSize: 12 });
    pool = new Pool({ connectionString: database.url, max: 8 });
    // Dropping the test database ends any connection still idle in the pool; that is expected, not a crash.
    pool.on('error', () => undefined);
    await pool.query(
      `CREATE TABLE applied (seq bigserial PRIMARY KEY, event_id uuid NOT NULL, stream_id text NOT NULL,
                             revision int NOT NULL, kafka_partition int NOT NULL)`,
    );
    relay = new InProcessRelay({
      databaseUrl: database.url,
      kafkaTopicPrefix: prefix,
      kafkaPartitionsIncidentEvents: 6,
      relayBatchSize: 500,
    }).start();
    await waitUntil(async () => (await relay.metric('relay_active')) === 1, 'the relay to become active');
    consumer = new IncidentEventConsumer({
      brokers: kafkaBrokers(),
      groupId: uniqueName('pipeline-group'),
      topic: `${prefix}incident.events`,
      dlqTopic: `${prefix}incident.dlq`,
      pool,
      partitionsConsumedConcurrently: 6,
      handler: async (event, { tx, partition }) => {
        await tx.query('INSERT INTO applied (event_id, stream_id, revision, kafka_partition) VALUES ($1, $2, $3, $4)', [
          event.id,
          event.streamId,
          event.streamRevision,
          partition,
        ]);
      },
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await relay?.stop();
    await pool?.end();
    await adapter?.close();
    await database?.drop();
  });

  it(`applies ${EVENTS} events over ${STREAMS} streams exactly once, each stream in order`, async () => {
    const appender = new Appender(new HashChainedEventStore(adapter), STREAMS);
    await appender.append(EVENTS, 10);
    await waitUntil(
      async () => Number((await pool.query('SELECT count(*) FROM applied')).rows[0].count) >= EVENTS,
      'every event applied',
    );

    const rows = (
      await pool.query<{ event_id: string; stream_id: string; revision: number; kafka_partition: number }>(
        'SELECT event_id, stream_id, revision, kafka_partition FROM applied ORDER BY seq',
      )
    ).rows;
    expect(rows).toHaveLength(EVENTS);
    expect(new Set(rows.map((row) => row.event_id)).size).toBe(EVENTS);
    expect(new Set(rows.map((row) => row.event_id))).toEqual(new Set(appender.appended.map((event) => event.id)));

    const byStream = new Map<string, { revisions: number[]; partitions: Set<number> }>();
    for (const row of rows) {
      const entry = byStream.get(row.stream_id) ?? { revisions: [], partitions: new Set<number>() };
      entry.revisions.push(row.revision);
      entry.partitions.add(row.kafka_partition);
      byStream.set(row.stream_id, entry);
    }
    expect(byStream.size).toBe(STREAMS);
    const outOfOrder = [...byStream].filter(([, { revisions }]) =>
      revisions.some((revision, index) => revision !== index),
    );
    expect(outOfOrder.map(([stream]) => stream)).toEqual([]);
    expect([...byStream.values()].every(({ partitions }) => partitions.size === 1)).toBe(true);
    // Streams spread over the partitions, and the applied sequence interleaves streams.
    expect(new Set(rows.map((row) => row.kafka_partition)).size).toBeGreaterThan(3);
    const switches = rows.filter((row, index) => index > 0 && row.stream_id !== rows[index - 1]!.stream_id).length;
    expect(switches).toBeGreaterThan(STREAMS);
  });
});

async function waitUntil(probe: () => Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
