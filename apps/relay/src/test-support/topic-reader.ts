import { EVENT_HEADERS, headerText } from '@incident/messaging';
import { uniqueName } from '@incident/testing';
import type { Consumer, IHeaders, Kafka } from 'kafkajs';
import type { Appended } from './appender';
import { oldestOpenTransactions } from './open-transactions';
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

  private constructor(private readonly consumer: Consumer) {}

  static async start(kafka: Kafka, topic: string): Promise<TopicReader> {
    const consumer = kafka.consumer({ groupId: uniqueName('relay-test-reader'), maxWaitTimeInMs: 200 });
    const reader = new TopicReader(consumer);
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

  /** Waits until every appended event id has been read; a timeout names the cluster's oldest open transactions. */
  async waitForAll(appended: readonly Appended[], databaseUrl: string, timeoutMs = 60_000): Promise<void> {
    await waitFor(
      `${appended.length} events on the topic`,
      () => {
        const seen = this.distinctIds();
        return appended.every((event) => seen.has(event.id));
      },
      { timeoutMs },
    ).catch(async (error: Error) => {
      const seen = this.distinctIds();
      const missing = appended.filter((event) => !seen.has(event.id)).length;
      const open = await oldestOpenTransactions(databaseUrl).catch((cause: Error) => cause.message);
      throw new Error(
        `${error.message}: ${missing} of ${appended.length} never arrived. Oldest open transactions:\n${open}`,
      );
    });
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
