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

/** How long a start waits for new topics' leaders before failing with the broker's last answer. */
const TOPIC_LEADERS_TIMEOUT_MS = 30_000;

/**
 * Creates whichever topics do not exist yet and waits for their leaders. Creating them again is harmless:
 * existing topics are left exactly as they are (a partition count is never changed behind anyone's back).
 */
export async function ensureTopics(
  admin: Admin,
  specs: readonly TopicSpec[],
  timeoutMs = TOPIC_LEADERS_TIMEOUT_MS,
): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !existing.has(spec.topic));
  if (missing.length === 0) return [];
  // Not kafkajs's own `waitForLeaders`: it retries only LEADER_NOT_AVAILABLE, and a KRaft broker answers
  // UNKNOWN_TOPIC_OR_PARTITION for a moment after creating a topic, which failed a service's start in CI.
  // A topic another process created meanwhile comes back as TOPIC_ALREADY_EXISTS, which kafkajs absorbs.
  await admin.createTopics({
    topics: missing.map((spec) => ({
      topic: spec.topic,
      numPartitions: spec.numPartitions,
      replicationFactor: -1,
      ...(spec.configEntries ? { configEntries: [...spec.configEntries] } : {}),
    })),
  });
  await waitForTopicLeaders(
    admin,
    missing.map((spec) => spec.topic),
    timeoutMs,
  );
  return missing.map((spec) => spec.topic);
}

/**
 * Waits until every partition of the topics has a leader, retrying the broker's retriable answers (the topic
 * not yet known, its leader not yet elected) until `timeoutMs`; any other error is thrown at once.
 */
export async function waitForTopicLeaders(admin: Admin, topics: readonly string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let reason: string;
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics: [...topics] });
      const leaderless = metadata.filter((topic) => topic.partitions.some((partition) => partition.leader < 0));
      if (leaderless.length === 0) return;
      reason = `no leader yet for ${leaderless.map((topic) => topic.name).join(', ')}`;
    } catch (error) {
      if (!(error as { retriable?: boolean }).retriable) throw error;
      reason = (error as Error).message;
    }
    if (Date.now() >= deadline) {
      throw new Error(`topics ${topics.join(', ')} had no leaders after ${timeoutMs} ms: ${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
