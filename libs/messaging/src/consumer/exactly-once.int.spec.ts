import { randomUUID } from 'node:crypto';
import type { Kafka, Message, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { Registry } from 'prom-client';
import type { RecordedEvent } from '@incident/event-store';
import { describeWithInfrastructure, uniqueName } from '@incident/testing';
import { toIncidentEventMessage } from '../incident-event-message';
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

const STREAMS = 500;
const REVISIONS = 10;
const DUPLICATES_PER_WAVE = 30;

describeWithInfrastructure(['postgres', 'kafka'], 'IncidentEventConsumer: exactly once in effect', () => {
  let rig: ConsumerRig | undefined;
  let pool: Pool;
  let kafka: Kafka;
  let producer: Producer;
  let topic: string;
  let dlqTopic: string;
  const consumers: IncidentEventConsumer[] = [];

  beforeAll(async () => {
    rig = await startConsumerRig('messaging_once', { partitions: 6, poolSize: 12 });
    ({ pool, kafka, producer, topic, dlqTopic } = rig);
  });
  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    await rig?.close();
  });

  describe('given 5,000 events over 500 streams on 6 partitions, a few hundred of them delivered twice', () => {
    it('applies every event once, each stream in revision order, over two replicas of one group', async () => {
      const registry = new Registry();
      const logger = collectingLogger();
      const groupId = uniqueName('once');
      const replica = (instance: string) =>
        new IncidentEventConsumer({
          kafka,
          groupId,
          topic,
          dlqTopic,
          pool,
          registry,
          logger,
          partitionsConsumedConcurrently: 3,
          handler: (event, context) => insertConsumed(event, context, instance),
        });
      const streams = Array.from({ length: STREAMS }, () => incidentStreamId(randomUUID()));
      const sent: RecordedEvent[] = [];
      const started = Date.now();

      // One wave per revision, so every partition carries many streams interleaved; each wave also
      // re-sends events already sent, as a producer retry or a relay restart would.
      const sendWave = async (revision: number) => {
        const wave = streams.map((stream) => recordedEvent(stream, revision));
        sent.push(...wave);
        const duplicates = Array.from({ length: DUPLICATES_PER_WAVE }, () => sent[randomInt(sent.length)]!);
        const messages: Message[] = [...wave, ...duplicates].map(toIncidentEventMessage);
        await producer.send({ topic, acks: -1, messages });
      };

      // The second replica joins half-way, so the group rebalances while events are flowing.
      consumers.push(replica('a'));
      await consumers[0]!.start();
      for (let revision = 0; revision < REVISIONS / 2; revision += 1) await sendWave(revision);
      consumers.push(replica('b'));
      await consumers[1]!.start();
      for (let revision = REVISIONS / 2; revision < REVISIONS; revision += 1) await sendWave(revision);
      const produced = Date.now();

      await waitFor('5,000 rows', async () => {
        const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM consumed');
        return rows[0]!.n >= STREAMS * REVISIONS ? true : undefined;
      });
      const applied = Date.now();
      // Everything, duplicates included, is consumed and committed: lag 0 on every partition.
      const lags = await waitFor('zero lag', async () => {
        const lag = await consumers[0]!.refreshLag();
        return lag && lag.every((partition) => partition.lag === 0) ? lag : undefined;
      });
      console.info(
        `exactly-once: ${sent.length} events + ${REVISIONS * DUPLICATES_PER_WAVE} duplicates produced in ` +
          `${produced - started} ms; all applied after ${applied - started} ms; lag 0 after ${Date.now() - started} ms`,
      );
      expect(lags).toHaveLength(6);

      const { rows: totals } = await pool.query<{ rows: number; events: number; instances: number }>(
        `SELECT count(*)::int AS rows, count(DISTINCT event_id)::int AS events,
                count(DISTINCT instance)::int AS instances FROM consumed`,
      );
      expect(totals[0]).toEqual({ rows: 5_000, events: 5_000, instances: 2 });
      const { rows: ids } = await pool.query<{ event_id: string }>('SELECT event_id FROM consumed');
      expect(new Set(ids.map((row) => row.event_id))).toEqual(new Set(sent.map((event) => event.id)));

      // Each stream: revisions 0..9 applied in that order, all from one partition.
      const { rows: perStream } = await pool.query<{ revisions: number[]; partitions: number[] }>(
        `SELECT array_agg(stream_revision ORDER BY seq) AS revisions, array_agg(DISTINCT partition) AS partitions
         FROM consumed GROUP BY stream_id`,
      );
      expect(perStream).toHaveLength(STREAMS);
      const inOrder = Array.from({ length: REVISIONS }, (_, revision) => revision);
      for (const stream of perStream) {
        expect(stream.revisions).toEqual(inOrder);
        expect(stream.partitions).toHaveLength(1);
      }

      // Streams interleave within each partition: far more changes of stream than streams.
      const { rows: perPartition } = await pool.query<{ partition: number; streams: number; switches: number }>(
        `SELECT partition, count(DISTINCT stream_id)::int AS streams, sum(switched)::int AS switches FROM (
           SELECT partition, stream_id,
                  (stream_id IS DISTINCT FROM lag(stream_id) OVER (PARTITION BY partition ORDER BY seq))::int AS switched
           FROM consumed) AS s
         GROUP BY partition`,
      );
      expect(perPartition.length).toBeGreaterThanOrEqual(4);
      for (const partition of perPartition) {
        expect(partition.streams).toBeGreaterThan(1);
        expect(partition.switches).toBeGreaterThan(partition.streams * 5);
      }

      const { rows: records } = await pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM messaging.applied_event WHERE consumer_group = $1',
        [groupId],
      );
      expect(records[0]!.n).toBe(5_000);
      expect(await metricValue(registry, 'messaging_events_applied_total', { group: groupId })).toBe(5_000);
      expect(
        await metricValue(registry, 'messaging_events_skipped_duplicate_total', { group: groupId }),
      ).toBeGreaterThanOrEqual(REVISIONS * DUPLICATES_PER_WAVE);
      expect(await metricValue(registry, 'messaging_dead_letters_total')).toBe(0);
      expect(await registry.metrics()).toMatch(
        new RegExp(`kafka_consumer_lag\\{group="${groupId}",topic="${topic}",partition="5"\\} 0`),
      );
      expect(logger.entries.filter((entry) => entry.level !== 'info')).toEqual([]);
    });
  });
});

function randomInt(below: number): number {
  return Math.floor(Math.random() * below);
}
