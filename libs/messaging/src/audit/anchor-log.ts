import { randomUUID } from 'node:crypto';
import type { Anchor } from '@incident/event-store';
import type { Consumer, Kafka } from 'kafkajs';
import { parseAnchorRecord } from './anchor-record';

/** A record of `audit.anchors` that holds no anchor: itself a sign that someone wrote to the topic. */
export interface UnreadableAnchor {
  readonly offset: string;
  readonly reason: string;
}

export interface AnchorLogOptions {
  readonly kafka: Kafka;
  /** `audit.anchors` behind the prefix; it must exist (auditAnchorsTopicSpec, created at start-up). */
  readonly topic: string;
  /** The first offset to read; default the topic's first. The anchorer reads only the last record. */
  readonly startAt?: bigint;
}

/**
 * Everything on `audit.anchors`, read from its first offset in a consumer group of its own (kafkajs has no
 * manual assignment) that commits nothing and is deleted on close. Kept in memory, in topic order; `upToDate`
 * waits until it holds every record the topic held when asked, so a verdict never misses a newer anchor.
 * The topic has one partition (anchors are one chain); only partition 0 is read.
 */
export class AnchorLog {
  readonly anchors: Anchor[] = [];
  readonly unreadable: UnreadableAnchor[] = [];
  private readonly groupId = `audit-anchor-reader-${randomUUID()}`;
  private consumer: Consumer | undefined;
  private starting: Promise<void> | undefined;
  /** The next offset to read: every record before it is in `anchors` or `unreadable`. */
  private next = 0n;
  private low = 0n;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly options: AnchorLogOptions) {
    this.next = options.startAt ?? 0n;
  }

  /** The topic's first offset when reading began: above 0, older anchors were deleted from it. */
  get firstOffset(): bigint {
    return this.low;
  }

  start(): Promise<void> {
    this.starting ??= this.run().catch(async (error: unknown) => {
      await this.close();
      throw error;
    });
    return this.starting;
  }

  /** Resolves once every record on the topic now has been read; rejects after `timeoutMs`. */
  async upToDate(timeoutMs: number): Promise<void> {
    await this.start();
    const high = await this.highWatermark();
    const deadline = Date.now() + timeoutMs;
    while (this.next < high) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`${this.options.topic}: read up to offset ${this.next} of ${high} within ${timeoutMs} ms`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(done);
      });
    }
  }

  async close(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    if (!consumer) return;
    await consumer.disconnect().catch(() => undefined);
    const admin = this.options.kafka.admin();
    await admin
      .connect()
      .then(() => admin.deleteGroups([this.groupId]))
      .catch(() => undefined)
      .finally(() => admin.disconnect().catch(() => undefined));
  }

  private async highWatermark(): Promise<bigint> {
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(this.options.topic);
      const partition = offsets.find((entry) => entry.partition === 0);
      if (!partition) throw new Error(`${this.options.topic} has no partition 0`);
      this.low = BigInt(partition.low);
      return BigInt(partition.high);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  private async run(): Promise<void> {
    const consumer = this.options.kafka.consumer({ groupId: this.groupId, maxWaitTimeInMs: 250 });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topic: this.options.topic, fromBeginning: true });
    const running = consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        if (batch.partition !== 0) return;
        for (const message of batch.messages) {
          const offset = BigInt(message.offset);
          if (offset < this.next) continue;
          const parsed = parseAnchorRecord(message.value);
          if (typeof parsed === 'string') this.unreadable.push({ offset: message.offset, reason: parsed });
          else this.anchors.push(parsed);
          this.next = offset + 1n;
        }
        // An empty batch at the end of a compacted or trimmed stretch still says how far the partition goes.
        const last = BigInt(batch.lastOffset());
        if (last + 1n > this.next) this.next = last + 1n;
        for (const wake of [...this.waiters]) {
          this.waiters.delete(wake);
          wake();
        }
      },
    });
    await running;
    // Seeking is only possible once the consumer runs; records fetched before it are below `next` and skipped.
    if (this.options.startAt)
      consumer.seek({ topic: this.options.topic, partition: 0, offset: this.options.startAt.toString() });
  }
}
