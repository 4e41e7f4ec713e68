import type { RecordedEvent } from '@incident/event-store';
import { toIncidentEventMessage } from '@incident/messaging';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { pause } from '@incident/event-store';

const BACKOFF_MS = { initial: 250, max: 5_000 };

/**
 * Sends a page of store events to one topic as one producer request, and keeps trying until the broker has
 * acknowledged it (or the relay must stop). The producer is idempotent: kafkajs' own retries of a request
 * cannot write a record twice. A request that still fails is sent again by a fresh producer (a new producer
 * id, since the old one's sequence numbers are in doubt): at-least-once, duplicates only after a failure.
 */
export class KafkaPublisher {
  private producer: Producer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly logger: Logger,
  ) {}

  /** True once acknowledged by every in-sync replica; false if `signal` aborted before that. */
  async publish(events: readonly RecordedEvent[], signal: AbortSignal): Promise<boolean> {
    for (let attempt = 1; !signal.aborted; attempt++) {
      try {
        const producer = await this.connected();
        await producer.send({ topic: this.topic, messages: events.map(toIncidentEventMessage), acks: -1 });
        if (attempt > 1) this.logger.info({ attempt }, 'relay: Kafka accepts events again');
        return true;
      } catch (error) {
        this.logger.warn({ err: error, attempt, events: events.length }, 'relay: publishing failed; retrying');
        await this.disconnect();
        await pause(Math.min(BACKOFF_MS.max, BACKOFF_MS.initial * 2 ** (attempt - 1)), signal);
      }
    }
    return false;
  }

  async disconnect(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  private async connected(): Promise<Producer> {
    if (this.producer) return this.producer;
    const producer = this.kafka.producer({
      idempotent: true,
      // One request in flight keeps a partition's records in order across kafkajs' retries.
      maxInFlightRequests: 1,
      // The Java client's murmur2 partitioning, so any client agrees on which partition a stream's key maps to.
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: 5, initialRetryTime: 300, maxRetryTime: 5_000 },
    });
    try {
      await producer.connect();
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    this.producer = producer;
    return producer;
  }
}
