import { ensureTopics, topicSpecs, TOPICS, type TopicPartitions } from '@incident/messaging';
import type { Kafka } from 'kafkajs';

/** The topic the relay publishes to: `incident.events`, behind the configured prefix. */
export function incidentEventsTopic(prefix: string): string {
  return `${prefix}${TOPICS.incidentEvents}`;
}

/**
 * Creates the platform's three topics with their configured partition counts, if missing. Harmless to repeat:
 * ensureTopics leaves existing topics exactly as they are. Returns the names it created.
 */
export async function createPlatformTopics(kafka: Kafka, partitions: TopicPartitions, prefix: string) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await ensureTopics(admin, topicSpecs(partitions, prefix));
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
