import { randomUUID } from 'node:crypto';
import type { Kafka, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { Registry } from 'prom-client';
import { describeWithInfrastructure, uniqueName } from '@incident/testing';
import { toIncidentEventMessage } from '../incident-event-message';
import { listDeadLetters } from '../dlq/dead-letter-topic';
import {
  collectingLogger,
  insertConsumed,
  metricValue,
  recordedEvent,
  waitFor,
  startConsumerRig,
  type ConsumerRig,
} from './consumer-test-kit.spec';
import { IncidentEventConsumer } from './incident-event-consumer';
import { incidentStreamId } from '@incident/domain';

describeWithInfrastructure(['postgres', 'kafka'], 'IncidentEventConsumer: transient failures', () => {
  let rig: ConsumerRig | undefined;
  let pool: Pool;
  let kafka: Kafka;
  let producer: Producer;
  let consumer: IncidentEventConsumer;
  let topic: string;
  let dlqTopic: string;
  const groupId = uniqueName('retries');
  const registry = new Registry();
  const logger = collectingLogger();
  const flakyAttempts: number[] = [];

  beforeAll(async () => {
    rig = await startConsumerRig('messaging_retries', { partitions: 2 });
    ({ pool, kafka, producer, topic, dlqTopic } = rig);
    consumer = new IncidentEventConsumer({
      kafka,
      groupId,
      topic,
      dlqTopic,
      pool,
      registry,
      logger,
      maxAttempts: 5,
      // Long enough that the other partition's records, produced during the wait, clearly overtake it.
      backoff: { baseMs: 2_000, maxMs: 4_000 },
      handler: async (event, context) => {
        // Writes first, then fails: the rollback must take the write and the idempotency record with it.
        await insertConsumed(event, context);
        if (event.type === 'Flaky') {
          flakyAttempts.push(context.attempt);
          if (context.attempt <= 2)
            throw new Error(`could not serialize access (simulated, attempt ${context.attempt})`);
        }
      },
    });
    await consumer.start();
  });
  afterAll(async () => {
    await consumer?.stop();
    await rig?.close();
  });

  describe('given a handler that fails twice on one event, then succeeds', () => {
    it('applies it once, on the third attempt, while the other partition keeps flowing', async () => {
      const stream = incidentStreamId(randomUUID());
      const flaky = recordedEvent(stream, 0, 'Flaky');
      const next = recordedEvent(stream, 1);
      await producer.send({
        topic,
        acks: -1,
        messages: [flaky, next].map((event) => ({ ...toIncidentEventMessage(event), partition: 0 })),
      });
      await waitFor('the first failure', async () => (flakyAttempts.length >= 1 ? true : undefined));
      // Produced only once partition 0 is waiting out its backoff: these must not wait with it.
      const others = Array.from({ length: 50 }, () => recordedEvent(incidentStreamId(randomUUID()), 0));
      await producer.send({
        topic,
        acks: -1,
        messages: others.map((event) => ({ ...toIncidentEventMessage(event), partition: 1 })),
      });

      const applied = await waitFor('the event after the flaky one', async () => {
        const { rows } = await pool.query<{ event_id: string; partition: number; seq: string }>(
          'SELECT event_id, partition, seq FROM consumed ORDER BY seq',
        );
        return rows.some((row) => row.event_id === next.id) ? rows : undefined;
      });
      expect(flakyAttempts).toEqual([1, 2, 3]);
      // Failed attempts left no rows: exactly one row per event.
      expect(applied).toHaveLength(52);
      expect(new Set(applied.map((row) => row.event_id)).size).toBe(52);
      const order = applied.map((row) => row.event_id);
      // Partition 1 was not held up by partition 0's backoff ...
      expect(Math.max(...others.map((event) => order.indexOf(event.id)))).toBeLessThan(order.indexOf(flaky.id));
      // ... and partition 0 kept its order.
      expect(order.indexOf(flaky.id)).toBeLessThan(order.indexOf(next.id));

      const { rows: record } = await pool.query<{ attempts: number }>(
        'SELECT attempts FROM messaging.applied_event WHERE consumer_group = $1 AND event_id = $2',
        [groupId, flaky.id],
      );
      expect(record).toEqual([{ attempts: 3 }]);
      expect(await metricValue(registry, 'messaging_retries_total', { group: groupId })).toBe(2);
      expect(await metricValue(registry, 'messaging_events_applied_total', { group: groupId })).toBe(52);
      const retries = logger.entries.filter((entry) => entry.message === 'event handler failed; retrying');
      expect(retries.map((entry) => [entry.level, entry.details['attempt'], entry.details['eventId']])).toEqual([
        ['warn', 1, flaky.id],
        ['warn', 2, flaky.id],
      ]);
      for (const entry of retries) {
        expect(entry.details['delayMs']).toBeGreaterThanOrEqual(1_000);
        expect(entry.details['delayMs']).toBeLessThanOrEqual(4_000);
      }
      expect(await listDeadLetters({ kafka, topic: dlqTopic, limit: 10 })).toEqual([]);
    });
  });
});
