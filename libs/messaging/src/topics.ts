import type { Admin } from 'kafkajs';

/** The platform's topics (DESIGN.md §5). */
export const TOPICS = {
  incidentEvents: 'incident.events',
  alertsInbound: 'alerts.inbound',
  deadLetters: 'incident.dlq',
  auditAnchors: 'audit.anchors',
} as const;

export interface TopicPartitions {
  readonly incidentEvents: number;
  readonly alertsInbound: number;
  readonly deadLetters: number;
}

export interface TopicSpec {
  readonly topic: string;
  readonly numPartitions: number;
  /** Topic-level settings given at creation (retention, cleanup policy); the broker's defaults otherwise. */
  readonly configEntries?: readonly { readonly name: string; readonly value: string }[];
}

/**
 * `audit.anchors`: the signed anchors of the event store's streams (libs/event-store `audit/`). One partition,
 * since anchors form one chain in one order; kept forever and never compacted, since an anchor that ages out
 * or is compacted away is evidence lost (retention.ms -1; an operator may set a finite one on the topic).
 */
export function auditAnchorsTopicSpec(prefix = ''): TopicSpec {
  return {
    topic: `${prefix}${TOPICS.auditAnchors}`,
    numPartitions: 1,
    configEntries: [
      { name: 'cleanup.policy', value: 'delete' },
      { name: 'retention.ms', value: '-1' },
      { name: 'retention.bytes', value: '-1' },
    ],
  };
}

/** Topic names can be prefixed so that test suites sharing one broker never see each other's messages. */
export function topicSpecs(partitions: TopicPartitions, prefix = ''): TopicSpec[] {
  return [
    { topic: `${prefix}${TOPICS.incidentEvents}`, numPartitions: partitions.incidentEvents },
    { topic: `${prefix}${TOPICS.alertsInbound}`, numPartitions: partitions.alertsInbound },
    { topic: `${prefix}${TOPICS.deadLetters}`, numPartitions: partitions.deadLetters },
    auditAnchorsTopicSpec(prefix),
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
    topics: missing.map((spec) => ({
      topic: spec.topic,
      numPartitions: spec.numPartitions,
      replicationFactor: -1,
      ...(spec.configEntries ? { configEntries: [...spec.configEntries] } : {}),
    })),
    waitForLeaders: true,
  });
  return missing.map((spec) => spec.topic);
}
