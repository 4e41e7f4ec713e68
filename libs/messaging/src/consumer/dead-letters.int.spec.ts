import { randomUUID } from 'node:crypto';
import type { Kafka, Message, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { Registry } from 'prom-client';
import { describeWithInfrastructure, uniqueName } from '@incident/testing';
import { toIncidentEventMessage } from '../incident-event-message';
import type { DeadLetter } from '../dlq/dead-letter';
import { listDeadLetters, replayDeadLetters } from '../dlq/dead-letter-topic';
import {
  collectingLogger,
  insertConsumed,
  metricValue,
  readRecordAt,
  recordedEvent,
  waitFor,
  startConsumerRig,
  type ConsumerRig,
} from './consumer-test-kit.spec';
import { IncidentEventConsumer } from './incident-event-consumer';
import { PermanentError } from './retry-policy';
import { incidentStreamId } from '@incident/domain';

const text = (buffer: Buffer | null) => buffer?.toString('utf8') ?? null;

describeWithInfrastructure(['postgres', 'kafka'], 'IncidentEventConsumer: dead letters', () => {
  let rig: ConsumerRig | undefined;
  let pool: Pool;
  let kafka: Kafka;
  let producer: Producer;
  let consumer: IncidentEventConsumer;
  let topic: string;
  let dlqTopic: string;
  const groupId = uniqueName('dead-letters');
  const registry = new Registry();
  const logger = collectingLogger();
  let explodingIsFixed = false;

  beforeAll(async () => {
    rig = await startConsumerRig('messaging_dlq', { partitions: 2 });
    ({ pool, kafka, producer, topic, dlqTopic } = rig);
    consumer = new IncidentEventConsumer({
      kafka,
      groupId,
      topic,
      dlqTopic,
      pool,
      registry,
      logger,
      maxAttempts: 3,
      backoff: { baseMs: 50, maxMs: 200 },
      handler: async (event, context) => {
        if (event.type === 'Exploded' && !explodingIsFixed) throw new Error('handler always fails on Exploded');
        if (event.type === 'Refused') throw new PermanentError('refused: severity is not one we know');
        await insertConsumed(event, context);
      },
    });
    await consumer.start();
  });
  afterAll(async () => {
    await consumer?.stop();
    await rig?.close();
  });

  const poisonValue = 'this is not JSON {';
  const stream = incidentStreamId(randomUUID());
  const before = recordedEvent(stream, 0);
  const exploded = recordedEvent(incidentStreamId(randomUUID()), 0, 'Exploded');
  const refused = recordedEvent(incidentStreamId(randomUUID()), 0, 'Refused');
  const after = recordedEvent(stream, 1);
  const last = recordedEvent(stream, 2);
  let deadLetters: DeadLetter[] = [];

  describe('given poison records among good ones on one partition', () => {
    it('dead-letters each with its reason, attempts, group and original record, and goes on', async () => {
      const messages: Message[] = [
        { key: 'incident-poison', value: poisonValue, headers: { 'x-origin': 'test' } },
        toIncidentEventMessage(before),
        toIncidentEventMessage(exploded),
        toIncidentEventMessage(refused),
        { key: 'incident-shape', value: JSON.stringify({ hello: 'world' }) },
        toIncidentEventMessage(after),
        toIncidentEventMessage(last),
      ].map((message) => ({ ...message, partition: 0 }));
      await producer.send({ topic, acks: -1, messages });

      await waitFor('three applied events', async () => {
        const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM consumed');
        return rows[0]!.n >= 3 ? true : undefined;
      });
      deadLetters = await waitFor('four dead letters', async () => {
        const letters = await listDeadLetters({ kafka, topic: dlqTopic, limit: 10 });
        return letters.length >= 4 ? letters : undefined;
      });

      const { rows } = await pool.query<{ event_id: string; kafka_offset: string }>(
        'SELECT event_id, kafka_offset FROM consumed ORDER BY seq',
      );
      // The good records, in partition order, the one right after the failing ones included.
      expect(rows).toEqual([
        { event_id: before.id, kafka_offset: '1' },
        { event_id: after.id, kafka_offset: '5' },
        { event_id: last.id, kafka_offset: '6' },
      ]);

      expect(deadLetters).toHaveLength(4);
      const [poison, explodedLetter, refusedLetter, shapeless] = deadLetters as [
        DeadLetter,
        DeadLetter,
        DeadLetter,
        DeadLetter,
      ];
      const common = { originalTopic: topic, originalPartition: 0, consumerGroup: groupId };
      expect(poison).toMatchObject({ ...common, originalOffset: '0', reason: 'invalid-message', attempts: 1 });
      expect(poison.error).toBe('InvalidIncidentEventMessage: record value is not JSON');
      expect(text(poison.key)).toBe('incident-poison');
      expect(text(poison.value)).toBe(poisonValue);
      expect(text(poison.headers['x-origin'] as Buffer)).toBe('test');
      expect(Date.parse(poison.failedAt!)).toBeGreaterThan(Date.now() - 120_000);

      expect(explodedLetter).toMatchObject({
        ...common,
        originalOffset: '2',
        reason: 'retries-exhausted',
        attempts: 3,
      });
      expect(explodedLetter.error).toBe('Error: handler always fails on Exploded');
      expect(text(explodedLetter.key)).toBe(exploded.streamId);
      expect(text(explodedLetter.value)).toBe(toIncidentEventMessage(exploded).value);
      expect(text(explodedLetter.headers['event-id'] as Buffer)).toBe(exploded.id);

      expect(refusedLetter).toMatchObject({ ...common, originalOffset: '3', reason: 'permanent-error', attempts: 1 });
      expect(refusedLetter.error).toBe('PermanentError: refused: severity is not one we know');

      expect(shapeless).toMatchObject({ ...common, originalOffset: '4', reason: 'invalid-message', attempts: 1 });
      expect(shapeless.error).toMatch(/id must be a non-empty string/);

      // Nothing of a failed event is recorded as applied, so a replay can still apply it.
      const { rows: claimed } = await pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM messaging.applied_event WHERE event_id = ANY($1::uuid[])',
        [[exploded.id, refused.id]],
      );
      expect(claimed[0]!.n).toBe(0);

      const count = (reason: string) => metricValue(registry, 'messaging_dead_letters_total', { reason });
      expect([
        await count('invalid-message'),
        await count('retries-exhausted'),
        await count('permanent-error'),
      ]).toEqual([2, 1, 1]);
      expect(await metricValue(registry, 'messaging_retries_total', { group: groupId })).toBe(2);

      // Every dead letter is logged, with where it came from and why, and without the record's value.
      const logged = logger.entries.filter((entry) => entry.message === 'record dead-lettered');
      expect(logged.map((entry) => [entry.level, entry.details['offset'], entry.details['reason']])).toEqual([
        ['error', '0', 'invalid-message'],
        ['error', '2', 'retries-exhausted'],
        ['error', '3', 'permanent-error'],
        ['error', '4', 'invalid-message'],
      ]);
      expect(JSON.stringify(logger.entries)).not.toContain(poisonValue);
    });

    it('replays a chosen dead letter to its original partition, where the consumer applies it', async () => {
      explodingIsFixed = true;
      const explodedLetter = deadLetters[1]!;
      const replayed = await replayDeadLetters({
        kafka,
        topic: dlqTopic,
        positions: [{ partition: explodedLetter.partition, offset: explodedLetter.offset }],
      });
      expect(replayed).toEqual([
        expect.objectContaining({ topic, partition: 0, offset: '7', deadLetter: explodedLetter }),
      ]);
      const row = await waitFor('the replayed event applied', async () => {
        const { rows } = await pool.query<{ event_id: string; kafka_offset: string }>(
          'SELECT event_id, kafka_offset FROM consumed WHERE event_id = $1',
          [exploded.id],
        );
        return rows[0];
      });
      expect(row).toEqual({ event_id: exploded.id, kafka_offset: '7' });
      // Read back from the topic: the original key, value and headers, and none of the dlq-* ones.
      const original = toIncidentEventMessage(exploded);
      const republished = await readRecordAt(kafka, topic, 0, '7');
      expect(republished).toEqual({
        key: exploded.streamId,
        value: original.value,
        headers: Object.fromEntries(
          Object.entries(original.headers ?? {}).map(([name, value]) => [name, String(value)]),
        ),
      });
    });

    it('refuses to replay a position the DLQ does not hold, replaying nothing', async () => {
      await expect(
        replayDeadLetters({
          kafka,
          topic: dlqTopic,
          positions: [
            { partition: 0, offset: '0' },
            { partition: 0, offset: '99' },
          ],
        }),
      ).rejects.toThrow(`${dlqTopic} has no record at 0:99 (partition 0 holds offsets 0..3)`);
      await expect(
        replayDeadLetters({ kafka, topic: dlqTopic, positions: [{ partition: 3, offset: '0' }] }),
      ).rejects.toThrow('(no partition 3)');
      const offsets = await waitFor('topic offsets', async () => {
        const admin = kafka.admin();
        await admin.connect();
        try {
          return await admin.fetchTopicOffsets(topic);
        } finally {
          await admin.disconnect();
        }
      });
      expect(offsets.find((entry) => entry.partition === 0)?.high).toBe('8');
    });
  });
});
