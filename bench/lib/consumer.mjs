import { performance } from 'node:perf_hooks';
import { kafka } from './infrastructure.mjs';

/**
 * Reads the topic from the beginning and notes, per correlation id (the correlation-id header; the bench gives each event its own), when it arrived
 * (performance.now(), the same clock the appender uses).
 */
export async function startConsumer(brokers, topic, groupId) {
  const consumer = kafka(brokers, groupId).consumer({ groupId, maxWaitTimeInMs: 100 });
  const arrivals = new Map();
  let joined;
  const hasJoined = new Promise((resolve) => (joined = resolve));
  consumer.on(consumer.events.GROUP_JOIN, () => joined());
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: 6,
    eachBatch: async ({ batch }) => {
      const now = performance.now();
      for (const message of batch.messages) {
        const id = message.headers?.['correlation-id']?.toString();
        if (id && !arrivals.has(id)) arrivals.set(id, now);
      }
    },
  });
  await hasJoined;
  return { arrivals, stop: () => consumer.disconnect() };
}
