import type { Kafka } from 'kafkajs';
import { describeWithInfrastructure, testKafka, uniqueName } from '@incident/testing';
import { ensureTopics, topicSpecs, waitForTopicLeaders } from './topics';

// Services create their topics as they start, often several at once (npm start, the console's specs, the
// lifecycle e2e). A start once failed in CI on the broker's passing UNKNOWN_TOPIC_OR_PARTITION for a topic
// it had just created; these start many creators together on the real broker.
describeWithInfrastructure(['kafka'], 'ensureTopics on the real broker', () => {
  let kafka: Kafka;

  beforeAll(() => {
    kafka = testKafka('topics-spec');
  });

  async function withAdmin<T>(work: (admin: ReturnType<Kafka['admin']>) => Promise<T>): Promise<T> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.disconnect();
    }
  }

  it('creates every missing topic with leaders on all partitions, once, however many services start together', async () => {
    const prefix = `${uniqueName('ensure')}.`;
    const specs = topicSpecs({ incidentEvents: 6, alertsInbound: 3, deadLetters: 1 }, prefix);

    const created = await Promise.all(
      Array.from({ length: 5 }, () => withAdmin((admin) => ensureTopics(admin, specs))),
    );

    // Every creator returned (none failed on the race); between them they created each topic at least once
    // in their own view, and a later start finds nothing left to create.
    expect(new Set(created.flat())).toEqual(new Set(specs.map((spec) => spec.topic)));
    expect(await withAdmin((admin) => ensureTopics(admin, specs))).toEqual([]);
    const metadata = await withAdmin((admin) => admin.fetchTopicMetadata({ topics: specs.map((spec) => spec.topic) }));
    for (const spec of specs) {
      const topic = metadata.topics.find((entry) => entry.name === spec.topic);
      expect(topic?.partitions).toHaveLength(spec.numPartitions);
      expect(topic?.partitions.every((partition) => partition.leader >= 0)).toBe(true);
    }
  });

  it('gives up on a topic that never appears, naming it and the broker’s last answer', async () => {
    const never = uniqueName('never-created');
    await expect(withAdmin((admin) => waitForTopicLeaders(admin, [never], 600))).rejects.toThrow(
      new RegExp(`topics ${never} had no leaders after 600 ms: .*(does not host|not host this topic)`),
    );
  });
});
