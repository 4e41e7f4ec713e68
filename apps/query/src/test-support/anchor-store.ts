import {
  planAnchors,
  type Anchor,
  type AuditSigningKey,
  type EventStore,
  type SignedAnchor,
} from '@incident/event-store';
import { hiddenEvents } from '@incident/event-store/testing';
import { anchorRecord, auditAnchorsTopicSpec, ensureTopics } from '@incident/messaging';
import type { Kafka } from 'kafkajs';

/**
 * Anchors the store's current heads onto `audit.anchors` as the relay's anchorer would (which the query's suites
 * cannot import): one round over everything after `after`, chained to `previous`. Returns the new anchors.
 */
export async function anchorStore(options: {
  readonly store: Pick<EventStore, 'readAll'>;
  readonly kafka: Kafka;
  readonly prefix: string;
  readonly key: AuditSigningKey;
  readonly previous?: SignedAnchor;
}): Promise<Anchor[]> {
  // Everything appended so far, not just what is visible yet: the store hides committed events while an older
  // transaction anywhere in the cluster is open (its xmin rule), and suites running side by side keep some open.
  const deadline = Date.now() + 30_000;
  while ((await hiddenEvents(options.store)) > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const heads = new Map<string, { revision: number; hash: string }>();
  let checkpoint: string | undefined = options.previous?.checkpoint || undefined;
  let through = 0n;
  for (;;) {
    const page = await options.store.readAll({ ...(checkpoint ? { after: checkpoint } : {}), maxCount: 500 });
    for (const event of page) {
      heads.set(event.streamId, { revision: event.streamRevision, hash: event.metadata.hash });
      checkpoint = event.checkpoint;
      if (event.globalPosition > through) through = event.globalPosition;
    }
    if (page.length < 500) break;
  }
  if (heads.size === 0 || !checkpoint) return [];
  const anchors = planAnchors(
    {
      previous: options.previous,
      heads,
      throughPosition: through,
      checkpoint,
      anchoredAt: new Date(),
      maxLeaves: 1_000,
    },
    options.key,
  );
  const spec = auditAnchorsTopicSpec(options.prefix);
  const admin = options.kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [spec]).finally(() => admin.disconnect());
  const producer = options.kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic: spec.topic, acks: -1, messages: anchors.map(anchorRecord) });
  } finally {
    await producer.disconnect();
  }
  return anchors;
}
