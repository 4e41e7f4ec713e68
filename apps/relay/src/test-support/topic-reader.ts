import { EVENT_HEADERS, headerText } from '@incident/messaging';
import { uniqueName } from '@incident/testing';
import type { Consumer, IHeaders, Kafka } from 'kafkajs';
import type { Appended } from './appender';
import { hiddenEvents, oldestOpenTransactions } from './open-transactions';
import { waitFor } from './wait';

export interface Received {
  readonly id: string;
  readonly streamId: string;
  readonly revision: number;
  readonly key: string;
  readonly partition: number;
  readonly offset: bigint;
  readonly headers: IHeaders;
  readonly value: string;
}

/** Reads a topic from the beginning in a consumer group of its own, keeping every record it sees. */
export class TopicReader {
  readonly records: Received[] = [];

  private constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly consumer: Consumer,
  ) {}

  static async start(kafka: Kafka, topic: string): Promise<TopicReader> {
    const consumer = kafka.consumer({ groupId: uniqueName('relay-test-reader'), maxWaitTimeInMs: 200 });
    const reader = new TopicReader(kafka, topic, consumer);
    // The relay creates its topic after it takes the lock; a subscribe before the broker knows it is refused.
    await waitFor(`${topic} to exist`, () => topicExists(kafka, topic));
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        reader.records.push({
          id: headerText(message.headers, EVENT_HEADERS.eventId) ?? '',
          streamId: message.key?.toString() ?? '',
          revision: Number(headerText(message.headers, EVENT_HEADERS.streamRevision)),
          key: message.key?.toString() ?? '',
          partition,
          offset: BigInt(message.offset),
          headers: message.headers ?? {},
          value: message.value?.toString() ?? '',
        });
      },
    });
    return reader;
  }

  distinctIds(): Set<string> {
    return new Set(this.records.map((record) => record.id));
  }

  /**
   * Waits until every appended event id has been read. The `timeoutMs` budget runs only while the store's
   * readers can see every stored event: while another session's older transaction (another suite's) hides some,
   * no relay can publish them, so the wait goes on, up to three budgets in all. A timeout says where the missing
   * events are: how many records the broker holds for the topic (not published, or published but not read),
   * the events still hidden and the cluster's oldest open transactions, and whatever `context` adds (the
   * relay's own account).
   */
  async waitForAll(
    appended: readonly Appended[],
    databaseUrl: string,
    timeoutMs = 60_000,
    context?: () => Promise<string>,
  ): Promise<void> {
    const started = Date.now();
    let deadline = started + timeoutMs;
    let hidden = 0;
    let lastHiddenCheck = 0;
    const missing = () => {
      const seen = this.distinctIds();
      return appended.filter((event) => !seen.has(event.id)).length;
    };
    while (missing() > 0) {
      if (Date.now() - lastHiddenCheck >= 1_000) {
        lastHiddenCheck = Date.now();
        hidden = await hiddenEvents(databaseUrl).catch(() => 0);
        if (hidden > 0) deadline = Math.min(started + 3 * timeoutMs, Math.max(deadline, Date.now() + 5_000));
      }
      if (Date.now() > deadline) {
        const open = await oldestOpenTransactions(databaseUrl).catch((cause: Error) => cause.message);
        const onBroker = await this.recordsOnBroker().catch((cause: Error) => cause.message);
        const extra = context ? await context().catch((cause: Error) => cause.message) : '';
        throw new Error(
          `timed out after ${Date.now() - started} ms: ${missing()} of ${appended.length} events never arrived; ` +
            `${this.records.length} records read, ${onBroker} on the broker, ${hidden} events hidden from ` +
            `readers. Oldest open transactions:\n${open}${extra ? `\n${extra}` : ''}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The records the broker holds for the topic, summed over its partitions (high minus low watermark). */
  async recordsOnBroker(): Promise<string> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(this.topic);
      const total = offsets.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
      return `${total} (${offsets.map((partition) => `p${partition.partition}: ${partition.low}..${partition.high}`).join(', ')})`;
    } finally {
      await admin.disconnect();
    }
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect().catch(() => undefined);
  }
}

/**
 * Per stream, in the order the partition holds them, the revisions with repeats dropped (at-least-once may
 * repeat a page after a crash) must be 0, 1, 2, … — nothing missing, nothing out of order.
 */
export function streamsOutOfOrder(records: readonly Received[]): string[] {
  const ordered = [...records].sort((a, b) => a.partition - b.partition || (a.offset < b.offset ? -1 : 1));
  const nextRevision = new Map<string, number>();
  const broken = new Set<string>();
  for (const record of ordered) {
    const expected = nextRevision.get(record.streamId) ?? 0;
    if (record.revision === expected) nextRevision.set(record.streamId, expected + 1);
    else if (record.revision > expected) broken.add(record.streamId);
  }
  return [...broken];
}

/** Throws while the topic is unknown or the broker is still starting; waitFor asks again. */
async function topicExists(kafka: Kafka, topic: string): Promise<boolean> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    return topics.some((found) => found.name === topic && found.partitions.every((p) => p.leader >= 0));
  } finally {
    await admin.disconnect();
  }
}
