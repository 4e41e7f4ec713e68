import { createEventStore, type HashChainedEventStore } from '@incident/event-store';
import { EVENT_HEADERS, headerText } from '@incident/messaging';
import {
  createTestDatabase,
  describeWithInfrastructure,
  testKafka,
  uniqueName,
  type TestDatabase,
} from '@incident/testing';
import { ConfigResourceTypes, type Kafka } from 'kafkajs';
import { Client } from 'pg';
import { RELAY_LOCK_NAMESPACE } from './core/leader-lock';
import { createPlatformTopics, incidentEventsTopic } from './core/relay-topics';
import { Appender } from './test-support/appender';
import { InProcessRelay } from './test-support/in-process-relay';
import { streamsOutOfOrder, TopicReader } from './test-support/topic-reader';
import { deleteTopicsWithPrefix } from './test-support/topics';
import { waitFor } from './test-support/wait';

describeWithInfrastructure(['postgres', 'kafka'], 'relay (in process): store to Kafka', () => {
  let database: TestDatabase;
  let store: HashChainedEventStore;
  let kafka: Kafka;
  let prefix: string;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeEach(async () => {
    database = await createTestDatabase('relay_core');
    store = await createEventStore({ databaseUrl: database.url });
    kafka = testKafka('relay-core');
    prefix = `${uniqueName('relay-core')}.`;
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
    await store.close();
    await database.drop();
    await deleteTopicsWithPrefix(kafka, prefix);
  });

  function relay(): InProcessRelay {
    const started = new InProcessRelay({ databaseUrl: database.url, kafkaTopicPrefix: prefix }).start();
    cleanups.push(() => started.stop());
    return started;
  }

  async function reader(): Promise<TopicReader> {
    const started = await TopicReader.start(kafka, incidentEventsTopic(prefix));
    cleanups.push(() => started.stop());
    return started;
  }

  it('publishes each event once, keyed by stream, with its headers; a clean restart resumes from the checkpoint', async () => {
    const appender = new Appender(store, 30);
    await appender.append(300);
    const first = relay();
    await waitFor('the relay to take the lock', async () => (await first.metric('relay_active')) === 1);
    const topic = await reader();
    await topic.waitForAll(appender.appended, database.url, 60_000, () => first.describe());
    await waitFor('the checkpoint to catch up', async () => (await first.metric('relay_lag_positions')) === 0);
    expect(await first.metric('relay_events_published_total')).toBe(300);
    expect(await first.metric('relay_lag_seconds')).toBe(0);
    await first.stop();
    expect(await first.metric('relay_active')).toBe(0);

    await appender.append(100);
    const second = relay();
    await topic.waitForAll(appender.appended, database.url, 60_000, () => second.describe());
    // Nothing was in flight at the clean stop, so nothing is sent twice.
    expect(topic.records).toHaveLength(400);
    expect(streamsOutOfOrder(topic.records)).toEqual([]);
    const sample = topic.records.find((record) => record.revision === 3)!;
    const [stored] = await store.readStream(sample.streamId, { fromRevision: 3, maxCount: 1 });
    expect(sample.key).toBe(stored!.streamId);
    expect(headerText(sample.headers, EVENT_HEADERS.eventId)).toBe(stored!.id);
    expect(headerText(sample.headers, EVENT_HEADERS.eventType)).toBe('RelayTestEvent');
    expect(headerText(sample.headers, EVENT_HEADERS.schemaVersion)).toBe('1');
    expect(headerText(sample.headers, EVENT_HEADERS.globalPosition)).toBe(stored!.globalPosition.toString());
    expect(headerText(sample.headers, EVENT_HEADERS.correlationId)).toBe(stored!.metadata.correlationId);
    expect(JSON.parse(sample.value)).toMatchObject({ id: stored!.id, streamRevision: 3, data: stored!.data });
    // Streams spread over the topic's partitions, each stream in exactly one.
    const partitionsOf = new Map<string, Set<number>>();
    for (const record of topic.records)
      partitionsOf.set(record.streamId, (partitionsOf.get(record.streamId) ?? new Set()).add(record.partition));
    expect([...partitionsOf.values()].every((partitions) => partitions.size === 1)).toBe(true);
    expect(new Set(topic.records.map((record) => record.partition)).size).toBe(3);
  }, 300_000); // waitForAll waits up to three minutes while another suite's transaction hides events

  it('stops publishing the moment its lock session is gone, and resumes once it gets the lock back', async () => {
    const appender = new Appender(store, 20);
    const active = relay();
    await waitFor('the relay to take the lock', async () => (await active.metric('relay_active')) === 1);
    const topic = await reader();
    appender.startBackground(5);
    cleanups.push(() => appender.stopBackground());
    await waitFor('publication under way', () => topic.records.length >= 50);

    // Cut the relay's lock session, then take the lock ourselves before the relay can have it back.
    const intruder = new Client({ connectionString: database.url });
    await intruder.connect();
    cleanups.push(() => intruder.end());
    await intruder.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'relay-lock' AND datname = current_database()",
    );
    const name = incidentEventsTopic(prefix);
    await waitFor(
      'the lock to be free for the intruder',
      async () => {
        const result = await intruder.query<{ locked: boolean }>(
          'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
          [RELAY_LOCK_NAMESPACE, name],
        );
        return result.rows[0]!.locked;
      },
      { intervalMs: 10 },
    );
    // The session's end reaches the relay as the socket closes, a moment after PostgreSQL released the lock;
    // whether the lock watcher or the loop's next checkpoint write sees it first, the relay stands down.
    await waitFor('the relay to stand down', async () => (await active.metric('relay_active')) === 0, {
      timeoutMs: 30_000,
    });
    expect(active.logged('relay lock lost') + active.logged('term ended by an error')).toBeGreaterThanOrEqual(1);
    expect(await active.metric('relay_active')).toBe(0);

    // While another session holds the lock, nothing more is published although appends go on.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const publishedWhileLocked = topic.records.length;
    const appendedBefore = appender.appended.length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(appender.appended.length).toBeGreaterThan(appendedBefore);
    expect(topic.records.length).toBe(publishedWhileLocked);

    await intruder.query('SELECT pg_advisory_unlock($1, hashtext($2))', [RELAY_LOCK_NAMESPACE, name]);
    await waitFor('the relay to take the lock again', async () => (await active.metric('relay_active')) === 1);
    await appender.stopBackground();
    await topic.waitForAll(appender.appended, database.url, 60_000, () => active.describe());
    expect(streamsOutOfOrder(topic.records)).toEqual([]);
  });

  it('creates the platform topics with their configured partitions, and creating them again changes nothing', async () => {
    const partitions = { incidentEvents: 4, alertsInbound: 2, deadLetters: 1 };
    const created = await createPlatformTopics(kafka, partitions, prefix);
    expect(created.sort()).toEqual([
      `${prefix}alerts.inbound`,
      `${prefix}audit.anchors`,
      `${prefix}incident.dlq`,
      `${prefix}incident.events`,
    ]);
    const again = await createPlatformTopics(kafka, { incidentEvents: 9, alertsInbound: 9, deadLetters: 9 }, prefix);
    expect(again).toEqual([]);
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: created });
      const counts = Object.fromEntries(topics.map((topic) => [topic.name, topic.partitions.length]));
      expect(counts).toEqual({
        [`${prefix}incident.events`]: 4,
        [`${prefix}alerts.inbound`]: 2,
        [`${prefix}incident.dlq`]: 1,
        [`${prefix}audit.anchors`]: 1,
      });
      // Anchors are evidence: kept forever, never compacted away.
      const { resources } = await admin.describeConfigs({
        resources: [{ type: ConfigResourceTypes.TOPIC, name: `${prefix}audit.anchors` }],
        includeSynonyms: false,
      });
      const settings = Object.fromEntries(
        (resources[0]?.configEntries ?? []).map((entry) => [entry.configName, entry.configValue]),
      );
      expect(settings).toMatchObject({ 'cleanup.policy': 'delete', 'retention.ms': '-1', 'retention.bytes': '-1' });
    } finally {
      await admin.disconnect();
    }
  });
});
