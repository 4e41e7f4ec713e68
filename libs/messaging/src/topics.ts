import type { Admin } from 'kafkajs';

/** The platform's topics (DESIGN.md §5). */
export const TOPICS = {
  incidentEvents: 'incident.events',
  alertsInbound: 'alerts.inbound',
  deadLetters: 'incident.dlq',
} as const;

export interface TopicPartitions {
  readonly incidentEvents: number;
  readonly alertsInbound: number;
  readonly deadLetters: number;
}

export interface TopicSpec {
  readonly topic: string;
  readonly numPartitions: number;
}

/** Topic names can be prefixed so that test suites sharing one broker never see each other's messages. */
export function topicSpecs(partitions: TopicPartitions, prefix = ''): TopicSpec[] {
  return [
    { topic: `${prefix}${TOPICS.incidentEvents}`, numPartitions: partitions.incidentEvents },
    { topic: `${prefix}${TOPICS.alertsInbound}`, numPartitions: partitions.alertsInbound },
    { topic: `${prefix}${TOPICS.deadLetters}`, numPartitions: partitions.deadLetters },
  ];
}

/**
 * Creates whichever topics do not exist yet and waits for their leaders. Creating them again is harmless:
 * existing topics are left exactly as they are (a partition count is never changed behind anyone's back).
 */
export async function ensureTopics(admin: Admin, specs: readonly TopicSpec[]): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !existing.has(spec.topic));
  if (missing.length === 0) return [];
  await admin.createTopics({
    topics: missing.map((spec) => ({ topic: spec.topic, numPartitions: spec.numPartitions, replicationFactor: -1 })),
    waitForLeaders: true,
  });
  return missing.map((spec) => spec.topic);
}
