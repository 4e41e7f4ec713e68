import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { Message } from 'kafkajs';
import request from 'supertest';
import type { RecordedEvent } from '@incident/event-store';
import { createPlatformContext, createServiceApp, METRICS_REGISTRY, type PlatformMetrics } from '@incident/platform';
import { testServiceConfig } from '@incident/platform/testing';
import { createTestTopic, describeWithInfrastructure, kafkaBrokers, uniqueName } from '@incident/testing';
import {
  collectingLogger,
  metricValue,
  recordedEvent,
  startConsumerRig,
  waitFor,
  type ConsumerRig,
} from '../consumer/consumer-test-kit.spec';
import type { IncidentEventConsumer } from '../consumer/incident-event-consumer';
import { listDeadLetters } from '../dlq/dead-letter-topic';
import { toIncidentEventMessage } from '../incident-event-message';
import { connectIncidentEvents, type ConnectIncidentEventsOptions } from './connect-incident-events';
import type { IncidentEventsTransport } from './incident-events.transport';
import { failFirstAttempt, sampleIncidentHandlersModule } from './sample-incident-handlers.spec';

/** Revision r of every incident has type LIFE[r]; the sample module handles all but AlertCorrelated. */
const LIFE = [
  'IncidentOpened',
  'AlertCorrelated',
  'IncidentTriaged',
  'IncidentAcknowledged',
  'AlertCorrelated',
  'IncidentResolved',
] as const;
const HANDLED_REVISIONS = [0, 2, 3, 5];
const INCIDENTS = 120;

interface RunningService {
  readonly app: INestApplication;
  readonly transport: IncidentEventsTransport;
  readonly metrics: PlatformMetrics;
}

/**
 * A domain-shaped event, with what the sample's handlers read. IncidentOpened comes in its first schema
 * (`customer`, drills marked by a label), as a record published before its upcaster existed would.
 */
function incidentEvent(streamId: string, revision: number, data: Record<string, unknown> = {}): RecordedEvent {
  const event = recordedEvent(streamId, revision, LIFE[revision]);
  const incidentId = streamId.slice('incident-'.length);
  const base =
    revision === 0 ? { incidentId, customer: 'acme', labels: { drill: 'true' } } : { incidentId, responderId: 'ana' };
  return { ...event, schemaVersion: 1, data: { ...base, ...data } };
}

describeWithInfrastructure(['postgres', 'kafka'], 'IncidentEventsTransport: @EventPattern handlers', () => {
  let rig: ConsumerRig | undefined;
  const services: RunningService[] = [];

  beforeAll(async () => {
    rig = await startConsumerRig('messaging_transport', { partitions: 4, poolSize: 12 });
    await rig.pool.query(
      'CREATE TABLE opened (event_id uuid PRIMARY KEY, schema_version int, customer_id text, drill boolean)',
    );
  });
  afterAll(async () => {
    await Promise.all(services.map((service) => service.app.close()));
    await rig?.close();
  });

  /** The sample module as a service on the platform, its transport connected the way main.ts does it. */
  async function startService(instance: string, options: ConnectIncidentEventsOptions): Promise<RunningService> {
    const config = testServiceConfig('triage', { databaseUrl: rig!.database.url, kafkaBrokers: kafkaBrokers() });
    const app = await createServiceApp(createPlatformContext(config), sampleIncidentHandlersModule(instance));
    const transport = connectIncidentEvents(app, {
      dlqTopic: rig!.dlqTopic,
      pool: rig!.pool,
      partitionsConsumedConcurrently: 2,
      backoff: { baseMs: 50, maxMs: 200 },
      ...options,
    });
    await app.init();
    await app.startAllMicroservices();
    const service = { app, transport, metrics: app.get<PlatformMetrics>(METRICS_REGISTRY) };
    services.push(service);
    return service;
  }

  async function stopService(service: RunningService): Promise<void> {
    await service.app.close();
    services.splice(services.indexOf(service), 1);
  }

  describe('given incidents interleaved over 4 partitions, records sent twice, and a replica joining then leaving', () => {
    it('gives each handled event one effect, in each incident’s order, and skips the unhandled type', async () => {
      const { pool, producer, topic } = rig!;
      const groupId = uniqueName('transport-once');
      const logger = collectingLogger();
      const streams = Array.from({ length: INCIDENTS }, () => `incident-${randomUUID()}`);
      const sent: RecordedEvent[] = [];
      let handledTwice = 0;
      const sendWave = async (revision: number) => {
        const wave = streams.map((stream) => incidentEvent(stream, revision));
        sent.push(...wave);
        // The same envelopes again, as a relay restarting before its checkpoint would publish them.
        const again = sent.filter((_, index) => index % 7 === revision);
        handledTwice += again.filter((event) => event.type !== 'AlertCorrelated').length;
        const messages: Message[] = [...wave, ...again].map(toIncidentEventMessage);
        await producer.send({ topic, acks: -1, messages });
      };

      const first = await startService('a', { groupId, topic, logger });
      await sendWave(0);
      await sendWave(1);
      const second = await startService('b', { groupId, topic, logger });
      await sendWave(2);
      await sendWave(3);
      await waitFor('the second replica to apply something', async () => {
        const { rows } = await pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM consumed WHERE instance = 'b'`,
        );
        return rows[0]!.n > 0 ? true : undefined;
      });
      await stopService(first);
      await sendWave(4);
      await sendWave(5);

      const handled = INCIDENTS * HANDLED_REVISIONS.length;
      await waitFor(`${handled} rows`, async () => {
        const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM consumed');
        return rows[0]!.n >= handled ? true : undefined;
      });
      const consumer = second.transport.unwrap<IncidentEventConsumer>();
      await waitFor('zero lag', async () => {
        const lag = await consumer.refreshLag();
        return lag && lag.every((partition) => partition.lag === 0) ? lag : undefined;
      });

      const { rows: totals } = await pool.query<{ rows: number; events: number; instances: string[] }>(
        `SELECT count(*)::int AS rows, count(DISTINCT event_id)::int AS events,
                array_agg(DISTINCT instance ORDER BY instance) AS instances FROM consumed`,
      );
      expect(totals[0]).toEqual({ rows: handled, events: handled, instances: ['a', 'b'] });
      const { rows: perStream } = await pool.query<{ revisions: number[]; types: string[] }>(
        `SELECT array_agg(stream_revision ORDER BY seq) AS revisions, array_agg(event_type ORDER BY seq) AS types
         FROM consumed GROUP BY stream_id`,
      );
      expect(perStream).toHaveLength(INCIDENTS);
      for (const stream of perStream) {
        expect(stream.revisions).toEqual(HANDLED_REVISIONS);
        expect(stream.types).toEqual(HANDLED_REVISIONS.map((revision) => LIFE[revision]));
      }
      // Each partition carried many incidents, interleaved.
      const { rows: perPartition } = await pool.query<{ streams: number }>(
        'SELECT count(DISTINCT stream_id)::int AS streams FROM consumed GROUP BY partition',
      );
      expect(perPartition).toHaveLength(4);
      for (const partition of perPartition) expect(partition.streams).toBeGreaterThan(10);

      // Every IncidentOpened reached its handler upcast to today's schema.
      const { rows: opened } = await pool.query(
        `SELECT count(*)::int AS n, array_agg(DISTINCT schema_version) AS versions,
                array_agg(DISTINCT customer_id) AS customers, bool_and(drill) AS drills
         FROM opened WHERE event_id = ANY($1::uuid[])`,
        [sent.filter((event) => event.type === 'IncidentOpened').map((event) => event.id)],
      );
      expect(opened[0]).toEqual({ n: INCIDENTS, versions: [2], customers: ['acme'], drills: true });

      // The unhandled type was acknowledged without a transaction: no idempotency row, counted by type.
      const { rows: claimed } = await pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM messaging.applied_event WHERE consumer_group = $1',
        [groupId],
      );
      expect(claimed[0]!.n).toBe(handled);
      const skipped = async (metrics: PlatformMetrics) =>
        metricValue(metrics.registry, 'messaging_events_skipped_unhandled_total', { type: 'AlertCorrelated' });
      expect((await skipped(first.metrics)) + (await skipped(second.metrics))).toBeGreaterThanOrEqual(INCIDENTS * 2);
      const applied = async (metrics: PlatformMetrics) =>
        metricValue(metrics.registry, 'messaging_events_applied_total', { group: groupId });
      expect((await applied(first.metrics)) + (await applied(second.metrics))).toBe(handled);
      const duplicates = async (metrics: PlatformMetrics) =>
        metricValue(metrics.registry, 'messaging_events_skipped_duplicate_total', { group: groupId });
      expect((await duplicates(first.metrics)) + (await duplicates(second.metrics))).toBeGreaterThanOrEqual(
        handledTwice,
      );
      expect(
        logger.entries.some((entry) => entry.level === 'debug' && entry.details['type'] === 'AlertCorrelated'),
      ).toBe(true);
      // No retry, no dead letter (kafkajs' own notes on the rebalance aside).
      const problems = logger.entries.filter((entry) => entry.level !== 'debug' && entry.level !== 'info');
      expect(problems.filter((entry) => entry.details['kafkajs'] === undefined)).toEqual([]);
    });
  });

  describe('given a handler that refuses an event and one that fails once', () => {
    it('dead-letters the refusal with its reason at once, retries the failure, and keeps the partition’s order', async () => {
      const { pool, producer, kafka, dlqTopic } = rig!;
      const topic = await createTestTopic(kafka, 'incident-events-errors', 1);
      const groupId = uniqueName('transport-errors');
      const logger = collectingLogger();
      const stream = `incident-${randomUUID()}`;
      const opened = incidentEvent(stream, 0);
      const correlated = incidentEvent(stream, 1);
      const triaged = incidentEvent(stream, 2);
      const refused = incidentEvent(stream, 3, { responderId: '' });
      const correlatedAgain = incidentEvent(stream, 4);
      const resolved = incidentEvent(stream, 5);
      failFirstAttempt.add(resolved.id);
      const events = [opened, correlated, triaged, refused, correlatedAgain, resolved];
      await producer.send({ topic, acks: -1, messages: events.map(toIncidentEventMessage) });

      const { app, metrics } = await startService('e', { groupId, topic, logger });
      const ready = await request(app.getHttpServer()).get('/health/ready').expect(200);
      expect(ready.body.info).toMatchObject({ 'incident-events': { status: 'up' } });

      const rows = await waitFor('the resolved event applied', async () => {
        const { rows: found } = await pool.query<{ event_id: string; instance: string }>(
          'SELECT event_id, instance FROM consumed WHERE stream_id = $1 ORDER BY seq',
          [stream],
        );
        return found.some((row) => row.event_id === resolved.id) ? found : undefined;
      });
      expect(rows).toEqual([
        { event_id: opened.id, instance: 'e' },
        { event_id: triaged.id, instance: 'e' },
        { event_id: resolved.id, instance: 'e@2' },
      ]);

      const [letter, ...more] = await waitFor('the dead letter', async () => {
        const letters = await listDeadLetters({ kafka, topic: dlqTopic, limit: 10 });
        return letters.length > 0 ? letters : undefined;
      });
      expect(more).toEqual([]);
      expect(letter).toMatchObject({
        originalTopic: topic,
        originalOffset: '3',
        consumerGroup: groupId,
        reason: 'permanent-error',
        attempts: 1,
        error: 'IncidentValidationError: invalid AcknowledgeIncident: responderId must not be empty',
      });
      expect(letter!.key?.toString('utf8')).toBe(stream);
      expect(await metricValue(metrics.registry, 'messaging_retries_total', { group: groupId })).toBe(1);
      expect(await metricValue(metrics.registry, 'messaging_events_skipped_unhandled_total', { group: groupId })).toBe(
        2,
      );
      const retried = logger.entries.filter((entry) => entry.message === 'event handler failed; retrying');
      expect(retried.map((entry) => [entry.details['eventId'], entry.details['error']])).toEqual([
        [resolved.id, 'Error: canceling statement due to lock timeout'],
      ]);
    });
  });
});
