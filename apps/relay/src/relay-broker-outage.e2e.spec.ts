import { createEventStore, type HashChainedEventStore } from '@incident/event-store';
import { createTestDatabase, describeWithInfrastructure, uniqueName, type TestDatabase } from '@incident/testing';
import { Kafka, logLevel } from 'kafkajs';
import { incidentEventsTopic } from './core/relay-topics';
import { Appender } from './test-support/appender';
import { PrivateBroker } from './test-support/private-broker';
import { RelayProcess } from './test-support/relay-process';
import { streamsOutOfOrder, TopicReader } from './test-support/topic-reader';
import { waitFor } from './test-support/wait';

const OUTAGE_MS = 8_000;

describeWithInfrastructure(['postgres', 'kafka'], 'relay through a Kafka outage', () => {
  let database: TestDatabase;
  let store: HashChainedEventStore;
  let broker: PrivateBroker | undefined;
  let relay: RelayProcess | undefined;
  let appender: Appender | undefined;
  const readers: TopicReader[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('relay_outage');
    store = await createEventStore({ databaseUrl: database.url });
    // Stopping the shared broker would break every suite running beside this one: this one gets its own.
    broker = await PrivateBroker.start();
  });

  afterAll(async () => {
    await appender?.stopBackground();
    await relay?.kill();
    for (const reader of readers) await reader.stop();
    await broker?.dispose();
    await store?.close();
    await database?.drop();
  });

  it('catches up once the broker is back, losing nothing that was appended while it was down', async () => {
    const kafka = new Kafka({
      clientId: uniqueName('relay-outage'),
      brokers: [broker!.brokers],
      logLevel: logLevel.NOTHING,
    });
    const prefix = `${uniqueName('relay-outage')}.`;
    const topic = incidentEventsTopic(prefix);
    relay = await RelayProcess.start({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: broker!.brokers,
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_PARTITIONS_INCIDENT_EVENTS: '3',
      RELAY_BATCH_SIZE: '50',
    });
    await waitFor('the relay to hold the lock', () => relay!.isActive());
    const before = await TopicReader.start(kafka, topic);
    readers.push(before);
    appender = new Appender(store, 40);
    appender.startBackground(5);
    await waitFor('publication under way', () => before.records.length >= 200);
    await before.stop();

    await broker!.down();
    const appendedAtOutage = appender.appended.length;
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    expect(appender.appended.length).toBeGreaterThan(appendedAtOutage + 100);
    // The lag is visible while the broker is away: positions behind the head, and growing age.
    expect(await relay.metric('relay_lag_positions')).toBeGreaterThan(0);
    expect(await relay.metric('relay_lag_seconds')).toBeGreaterThan(1);
    expect(await relay.isActive()).toBe(true);

    await broker!.up();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await appender.stopBackground();
    // A new consumer group reads the topic from its beginning: everything appended, before, during and after.
    const after = await TopicReader.start(kafka, topic);
    readers.push(after);
    await after.waitForAll(appender.appended, database.url, 90_000);
    expect(streamsOutOfOrder(after.records)).toEqual([]);
    await waitFor('the lag to return to 0', async () => (await relay!.metric('relay_lag_seconds')) === 0);
    expect(await relay.metric('relay_lag_positions')).toBe(0);
    process.stdout.write(
      `broker down ${OUTAGE_MS} ms; ${appender.appended.length} events appended, ` +
        `${after.records.length - after.distinctIds().size} delivered twice\n`,
    );
  }, 360_000); // waitForAll waits longer while another suite's transaction hides events
});
