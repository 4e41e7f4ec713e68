import { createEventStore, type HashChainedEventStore } from '@incident/event-store';
import {
  createTestDatabase,
  describeWithInfrastructure,
  testKafka,
  uniqueName,
  type TestDatabase,
} from '@incident/testing';
import type { Kafka } from 'kafkajs';
import { createPlatformTopics, incidentEventsTopic } from './core/relay-topics';
import { Appender } from './test-support/appender';
import { RelayProcess } from './test-support/relay-process';
import { streamsOutOfOrder, TopicReader } from './test-support/topic-reader';
import { deleteTopicsWithPrefix } from './test-support/topics';
import { waitFor } from './test-support/wait';

const BATCH_SIZE = 10;

describeWithInfrastructure(['postgres', 'kafka'], 'relay process killed with SIGKILL halfway', () => {
  let database: TestDatabase;
  let store: HashChainedEventStore;
  let kafka: Kafka;
  let prefix: string;
  let reader: TopicReader | undefined;
  const relays: RelayProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('relay_crash');
    store = await createEventStore({ databaseUrl: database.url });
    kafka = testKafka('relay-crash');
    prefix = `${uniqueName('relay-crash')}.`;
  });

  afterAll(async () => {
    await Promise.all(relays.map((relay) => relay.kill()));
    await reader?.stop();
    await store?.close();
    await database?.drop();
    await deleteTopicsWithPrefix(kafka, prefix);
  });

  it('loses nothing: after a restart every appended event is on the topic, each stream in revision order', async () => {
    const env = { DATABASE_URL: database.url, KAFKA_TOPIC_PREFIX: prefix, RELAY_BATCH_SIZE: String(BATCH_SIZE) };
    // The reader is in place before the relay starts, so the kill can be timed by what has been published.
    await createPlatformTopics(kafka, { incidentEvents: 4, alertsInbound: 1, deadLetters: 1 }, prefix);
    reader = await TopicReader.start(kafka, incidentEventsTopic(prefix));
    const appender = new Appender(store, 100);
    await appender.append(3_000);
    const backlog = appender.appended.length;
    appender.startBackground(2);

    const first = await RelayProcess.start(env);
    relays.push(first);
    await waitFor('a first share of the backlog to be published', () => reader!.distinctIds().size >= 600, {
      intervalMs: 10,
    });
    await first.kill('SIGKILL');
    const seenAtKill = reader.distinctIds().size;
    expect(seenAtKill).toBeLessThan(backlog);

    const second = await RelayProcess.start(env);
    relays.push(second);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await appender.stopBackground();
    await reader.waitForAll(appender.appended, database.url);

    expect(streamsOutOfOrder(reader.records)).toEqual([]);
    // At-least-once: only the page in flight when the relay died may have been sent twice.
    const duplicates = reader.records.length - reader.distinctIds().size;
    expect(duplicates).toBeLessThanOrEqual(BATCH_SIZE);
    expect(reader.records.every((record) => record.key === record.streamId)).toBe(true);
    process.stdout.write(
      `relay SIGKILLed after ${seenAtKill} of ${backlog} backlog events; ${appender.appended.length} appended in all, ` +
        `${duplicates} delivered twice\n`,
    );
  }, 300_000); // waitForAll waits longer while another suite's transaction hides events
});
