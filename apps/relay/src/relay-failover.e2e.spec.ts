import { createEventStore, type HashChainedEventStore } from '@incident/event-store';
import {
  createTestDatabase,
  describeWithInfrastructure,
  testKafka,
  uniqueName,
  type TestDatabase,
} from '@incident/testing';
import type { Kafka } from 'kafkajs';
import { incidentEventsTopic } from './core/relay-topics';
import { Appender } from './test-support/appender';
import { RelayProcess } from './test-support/relay-process';
import { streamsOutOfOrder, TopicReader } from './test-support/topic-reader';
import { deleteTopicsWithPrefix } from './test-support/topics';
import { waitFor } from './test-support/wait';

const BATCH_SIZE = 20;
/** The behaviour required of failover (issue 4), not a performance figure. */
const TAKEOVER_LIMIT_MS = 15_000;

describeWithInfrastructure(['postgres', 'kafka'], 'two relays: one active, the other takes over', () => {
  let database: TestDatabase;
  let store: HashChainedEventStore;
  let kafka: Kafka;
  let prefix: string;
  let reader: TopicReader | undefined;
  let appender: Appender | undefined;
  const relays: RelayProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('relay_failover');
    store = await createEventStore({ databaseUrl: database.url });
    kafka = testKafka('relay-failover');
    prefix = `${uniqueName('relay-failover')}.`;
  });

  afterAll(async () => {
    await appender?.stopBackground();
    await Promise.all(relays.map((relay) => relay.kill()));
    await reader?.stop();
    await store?.close();
    await database?.drop();
    await deleteTopicsWithPrefix(kafka, prefix);
  });

  it('publishes through one relay only, and the standby takes over within 15 s of the active one being killed', async () => {
    const env = {
      DATABASE_URL: database.url,
      KAFKA_TOPIC_PREFIX: prefix,
      RELAY_BATCH_SIZE: String(BATCH_SIZE),
      RELAY_LOCK_POLL_MS: '500',
    };
    relays.push(...(await Promise.all([RelayProcess.start(env), RelayProcess.start(env)])));
    const [a, b] = relays as [RelayProcess, RelayProcess];
    await waitFor('one relay to hold the lock', async () => (await a.isActive()) || (await b.isActive()));
    reader = await TopicReader.start(kafka, incidentEventsTopic(prefix));
    appender = new Appender(store, 50);
    appender.startBackground(3);
    await waitFor('publication under way', () => reader!.records.length >= 500);

    const roles = await Promise.all([a.isActive(), b.isActive()]);
    expect(roles.filter(Boolean)).toHaveLength(1);
    const [active, standby] = roles[0] ? [a, b] : [b, a];
    expect(await standby.metric('relay_events_published_total')).toBe(0);
    // With one relay publishing and nothing failing, nothing is sent twice.
    expect(reader.records.length).toBe(reader.distinctIds().size);
    // The standby is a healthy process too: it serves readiness while it waits.
    expect((await fetch(`http://127.0.0.1:${standby.port}/health/ready`)).status).toBe(200);

    await active.kill('SIGKILL');
    const killedAt = Date.now();
    await waitFor('the standby to take over', () => standby.isActive(), {
      timeoutMs: TAKEOVER_LIMIT_MS,
      intervalMs: 50,
    });
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(TAKEOVER_LIMIT_MS);

    await waitFor(
      'the new active relay to publish',
      async () => (await standby.metric('relay_events_published_total')) > 0,
    );
    await appender.stopBackground();
    await reader.waitForAll(appender.appended, database.url);
    expect(streamsOutOfOrder(reader.records)).toEqual([]);
    const duplicates = reader.records.length - reader.distinctIds().size;
    expect(duplicates).toBeLessThanOrEqual(BATCH_SIZE);
    process.stdout.write(
      `standby took over ${takeoverMs} ms after SIGKILL; ${appender.appended.length} events, ${duplicates} delivered twice\n`,
    );
  }, 300_000); // waitForAll waits longer while another suite's transaction hides events
});
