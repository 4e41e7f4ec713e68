import type { Consumer, Producer } from 'kafkajs';
import { createTestTopic, describeWithInfrastructure, testKafka, uniqueName } from '@incident/testing';

const KEYS = 10;
const PER_KEY = 100;

describeWithInfrastructure(['kafka'], 'the local Kafka broker (real, through kafkajs)', () => {
  const kafka = testKafka('kafka-local-test');
  let producer: Producer;
  let consumer: Consumer;
  let topic: string;

  beforeAll(async () => {
    topic = await createTestTopic(kafka, 'infra-order', 4);
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    consumer = kafka.consumer({ groupId: uniqueName('infra-order-group') });
    await Promise.all([producer.connect(), consumer.connect()]);
  });

  afterAll(async () => {
    await Promise.all([producer?.disconnect(), consumer?.disconnect()]);
  });

  it('delivers 1,000 messages over 10 keys with each key in the order it was produced', async () => {
    const received = new Map<string, number[]>();
    const partitionsOfKey = new Map<string, Set<number>>();
    let total = 0;
    let resolveAll: () => void = () => undefined;
    const allReceived = new Promise<void>((resolve) => (resolveAll = resolve));

    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        const key = message.key?.toString() ?? 'no-key';
        const sequence = Number(message.value?.toString());
        received.set(key, [...(received.get(key) ?? []), sequence]);
        partitionsOfKey.set(key, (partitionsOfKey.get(key) ?? new Set()).add(partition));
        total += 1;
        if (total === KEYS * PER_KEY) resolveAll();
      },
    });

    // Interleave keys in each batch, as a real producer would, and send in several batches.
    for (let batch = 0; batch < 10; batch++) {
      const messages = [];
      for (let i = batch * 10; i < (batch + 1) * 10; i++) {
        for (let key = 0; key < KEYS; key++) messages.push({ key: `key-${key}`, value: String(i) });
      }
      await producer.send({ topic, messages });
    }
    await allReceived;

    expect(total).toBe(KEYS * PER_KEY);
    expect([...received.keys()].sort()).toEqual(Array.from({ length: KEYS }, (_, key) => `key-${key}`).sort());
    const expectedOrder = Array.from({ length: PER_KEY }, (_, i) => i);
    for (const [key, sequence] of received) {
      expect({ key, sequence }).toEqual({ key, sequence: expectedOrder });
      expect(partitionsOfKey.get(key)?.size).toBe(1);
    }
    // Ten keys over four partitions: more than one partition carried traffic.
    const partitionsUsed = new Set([...partitionsOfKey.values()].flatMap((set) => [...set]));
    expect(partitionsUsed.size).toBeGreaterThan(1);
  });
});
