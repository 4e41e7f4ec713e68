import type { Admin, Kafka } from 'kafkajs';
import type { Registry } from 'prom-client';
import { type ConsumerMetrics, consumerMetrics } from './consumer-metrics';
import type { MessagingLogger } from './messaging-logger';

export interface PartitionWatermarks {
  readonly partition: number;
  readonly low: string;
  readonly high: string;
}

export interface CommittedOffset {
  readonly partition: number;
  /** `-1` when the group has committed nothing for the partition. */
  readonly offset: string;
}

export interface PartitionLag {
  readonly partition: number;
  readonly lag: number;
}

/**
 * Lag per partition: high watermark minus the committed offset. A partition the group has never committed
 * counts everything still retained (high − low) as lag, since that is what the group has yet to read.
 */
export function computeConsumerLag(
  watermarks: readonly PartitionWatermarks[],
  committed: readonly CommittedOffset[],
): PartitionLag[] {
  const committedBy = new Map(committed.map((entry) => [entry.partition, BigInt(entry.offset)]));
  return [...watermarks]
    .sort((a, b) => a.partition - b.partition)
    .map(({ partition, low, high }) => {
      const offset = committedBy.get(partition) ?? -1n;
      const from = offset < 0n ? BigInt(low) : offset;
      const lag = BigInt(high) - from;
      return { partition, lag: Number(lag > 0n ? lag : 0n) };
    });
}

export interface ConsumerLagMonitorOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly topic: string;
  readonly registry: Registry;
  /** How often the gauge is refreshed; default 15 s, about one Prometheus scrape. */
  readonly intervalMs?: number;
  readonly logger?: MessagingLogger;
}

/**
 * Keeps `kafka_consumer_lag{group,topic,partition}` up to date from the broker's own figures (the admin
 * client's topic watermarks and the group's committed offsets), so it shows a group that is stuck or gone,
 * not only one that is running. Refreshed on a timer rather than on scrape so a slow broker never slows
 * /metrics down. Each replica reports the whole group: aggregate with max(), not sum().
 */
export class ConsumerLagMonitor {
  private admin: Admin | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly metrics: ConsumerMetrics;

  constructor(private readonly options: ConsumerLagMonitorOptions) {
    this.metrics = consumerMetrics(options.registry);
  }

  async start(): Promise<void> {
    if (this.admin) return;
    this.admin = this.options.kafka.admin();
    await this.admin.connect();
    await this.refresh().catch((error: unknown) => this.logFailure(error));
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) => this.logFailure(error));
    }, this.options.intervalMs ?? 15_000);
    this.timer.unref();
  }

  /** Reads the current lag, sets the gauge and returns it. */
  async refresh(): Promise<PartitionLag[]> {
    if (!this.admin) throw new Error('ConsumerLagMonitor is not started');
    const { groupId, topic } = this.options;
    const [watermarks, committed] = await Promise.all([
      this.admin.fetchTopicOffsets(topic),
      this.admin.fetchOffsets({ groupId, topics: [topic] }),
    ]);
    const lags = computeConsumerLag(watermarks, committed.find((entry) => entry.topic === topic)?.partitions ?? []);
    for (const { partition, lag } of lags) {
      this.metrics.lag.set({ group: groupId, topic, partition: String(partition) }, lag);
    }
    return lags;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect();
  }

  private logFailure(error: unknown): void {
    const { groupId, topic } = this.options;
    this.options.logger?.warn(
      { groupId, topic, error: error instanceof Error ? error.message : String(error) },
      'could not refresh consumer lag',
    );
  }
}
