import {
  type Consumer,
  type EachBatchPayload,
  Kafka,
  type KafkaMessage,
  logLevel,
  type logCreator,
  Partitioners,
  type Producer,
} from 'kafkajs';
import type { Pool } from 'pg';
import type { Registry } from 'prom-client';
import { INCIDENT_UPCASTERS, type RecordedEvent, type Upcaster, UpcasterRegistry } from '@incident/event-store';
import { TOPICS } from '../topics';
import { ensureAppliedEventTable } from './applied-events';
import { ConsumerLagMonitor, type PartitionLag } from './consumer-lag';
import { consumerMetrics } from './consumer-metrics';
import type { IncidentEventHandler } from './incident-event-handler';
import { defaultMessagingLogger, type MessagingLogger } from './messaging-logger';
import { RecordProcessor } from './record-processor';
import { type BackoffOptions, DEFAULT_BACKOFF, isPermanentFailure } from './retry-policy';

export interface IncidentEventConsumerOptions {
  /** A kafkajs client to share, or `brokers` to have one made. */
  readonly kafka?: Kafka;
  readonly brokers?: readonly string[];
  readonly clientId?: string;
  /** One group per service: each service sees every event once, whatever its replica count. */
  readonly groupId: string;
  /** Default `incident.events`. */
  readonly topic?: string;
  /** Default `incident.dlq`. It must exist (topics are created at start-up with their partition counts). */
  readonly dlqTopic?: string;
  /** Holds the idempotency record and the handler's transaction; allow one connection per concurrent partition. */
  readonly pool: Pool;
  readonly handler: IncidentEventHandler;
  /**
   * Which events the handler wants; the others are acknowledged without a transaction or an idempotency row
   * (`messaging_events_skipped_unhandled_total`). Default: all of them.
   */
  readonly accepts?: (event: RecordedEvent) => boolean;
  /** Applied to every event before `accepts` and the handler; default INCIDENT_UPCASTERS. */
  readonly upcasters?: readonly Upcaster[];
  /** Attempts before a failing event is dead-lettered; default 5. */
  readonly maxAttempts?: number;
  readonly backoff?: Partial<BackoffOptions>;
  /**
   * Most records of one partition applied in one transaction (one COMMIT, one claim statement) when a fetch
   * brings several; default 100. 1: a transaction per record.
   */
  readonly maxRecordsPerTransaction?: number;
  /** Partitions handled at once by this replica; default 3. */
  readonly partitionsConsumedConcurrently?: number;
  /** Where a group without committed offsets starts; default true: a new service catches up on history. */
  readonly fromBeginning?: boolean;
  /** Decides which handler errors are not worth retrying; default PermanentError and InvalidIncidentEventMessage. */
  readonly isPermanent?: (error: unknown) => boolean;
  /** Registers the messaging counters and `kafka_consumer_lag` here (the service's METRICS_REGISTRY). */
  readonly registry?: Registry;
  readonly lagRefreshIntervalMs?: number;
  readonly logger?: MessagingLogger;
}

const DEFAULT_RECORDS_PER_TRANSACTION = 100;

/** kafkajs' own warnings and errors go to the consumer's logger instead of its console logger. */
function kafkaLogCreator(logger: MessagingLogger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, ...details } = log;
      if (level === logLevel.ERROR) logger.error({ kafkajs: namespace, ...details }, message);
      else if (level === logLevel.WARN) logger.warn({ kafkajs: namespace, ...details }, message);
    };
}

/** A kafkajs client for `brokers` that logs through `logger`; `kafka`, when given, is used as it is. */
export function messagingKafka(
  options: Pick<IncidentEventConsumerOptions, 'kafka' | 'brokers' | 'clientId' | 'groupId'> & {
    readonly logger: MessagingLogger;
  },
): Kafka {
  if (options.kafka) return options.kafka;
  if (!options.brokers?.length) throw new Error('a Kafka consumer needs kafka or brokers');
  return new Kafka({
    clientId: options.clientId ?? options.groupId,
    brokers: [...options.brokers],
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(options.logger),
  });
}

/**
 * The one way services consume `incident.events` (see libs/messaging/README.md).
 *
 * kafkajs directly rather than @nestjs/microservices' Kafka transport: the transport commits offsets for
 * us, retries by crashing the whole consumer and has no dead-letter step, while this needs to decide itself
 * when an offset may move on (only after the handler's transaction committed, or the broker acknowledged the
 * dead letter), to make one partition wait out a backoff while the others keep flowing, and to keep a
 * per-group idempotency record. It is a plain class, so a Nest provider starts it on bootstrap and stops
 * it on shutdown.
 */
export class IncidentEventConsumer {
  readonly groupId: string;
  readonly topic: string;
  readonly dlqTopic: string;
  private readonly kafka: Kafka;
  private readonly logger: MessagingLogger;
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly processor: RecordProcessor;
  private readonly lagMonitor: ConsumerLagMonitor | undefined;
  private readonly resumeTimers = new Set<NodeJS.Timeout>();
  private running = false;
  /** Set when kafkajs gave up on the consumer (a crash it does not restart from): nothing is consumed any more. */
  private gaveUp: Error | undefined;

  constructor(private readonly options: IncidentEventConsumerOptions) {
    this.groupId = options.groupId;
    this.topic = options.topic ?? TOPICS.incidentEvents;
    this.dlqTopic = options.dlqTopic ?? TOPICS.deadLetters;
    this.logger = options.logger ?? defaultMessagingLogger();
    this.kafka = options.kafka ?? messagingKafka({ ...options, logger: this.logger });
    // Short fetch waits: a partition resumed after a backoff joins the next fetch within a second.
    this.consumer = this.kafka.consumer({ groupId: this.groupId, maxWaitTimeInMs: 1_000 });
    // Not idempotent: kafkajs' idempotent producer retries forever, which would hang a shutdown. A dead
    // letter written twice is harmless; one never written is not, and the offset waits for the ack.
    this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    const metrics = options.registry ? consumerMetrics(options.registry) : undefined;
    this.processor = new RecordProcessor({
      groupId: this.groupId,
      dlqTopic: this.dlqTopic,
      pool: options.pool,
      handler: options.handler,
      producer: this.producer,
      maxAttempts: Math.max(1, options.maxAttempts ?? 5),
      backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
      isPermanent: options.isPermanent ?? isPermanentFailure,
      logger: this.logger,
      metrics,
      upcasters: new UpcasterRegistry(options.upcasters ?? INCIDENT_UPCASTERS),
      ...(options.accepts ? { accepts: options.accepts } : {}),
    });
    this.lagMonitor = options.registry
      ? new ConsumerLagMonitor({
          kafka: this.kafka,
          groupId: this.groupId,
          topic: this.topic,
          registry: options.registry,
          logger: this.logger,
          ...(options.lagRefreshIntervalMs ? { intervalMs: options.lagRefreshIntervalMs } : {}),
        })
      : undefined;
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      const { error, restart } = payload;
      if (!restart) this.gaveUp = error;
      this.logger.error({ groupId: this.groupId, error: error.message, restart }, 'Kafka consumer crashed');
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      const owned = new Set(
        Object.entries(payload.memberAssignment).flatMap(([topic, partitions]) =>
          partitions.map((partition) => `${topic}|${partition}`),
        ),
      );
      this.processor.forgetAllBut(owned);
      this.logger.info({ groupId: this.groupId, assignment: payload.memberAssignment }, 'joined consumer group');
    });
  }

  /** Ensures the idempotency table, checks the topics, joins the group and starts consuming. */
  async start(): Promise<void> {
    if (this.running) return;
    await ensureAppliedEventTable(this.options.pool);
    await this.checkTopics();
    this.running = true;
    try {
      await this.producer.connect();
      await this.consumer.connect();
      await this.consumer.subscribe({ topics: [this.topic], fromBeginning: this.options.fromBeginning ?? true });
      await this.consumer.run({
        partitionsConsumedConcurrently: Math.max(1, this.options.partitionsConsumedConcurrently ?? 3),
        autoCommit: true,
        autoCommitInterval: 1_000,
        // Offsets are resolved one record at a time below, never a whole batch at once.
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.eachBatch(payload),
      });
      await this.lagMonitor?.start();
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Finishes the record in hand, commits what is done and leaves the group; the pool stays open. */
  async stop(): Promise<void> {
    this.running = false;
    for (const timer of this.resumeTimers) clearTimeout(timer);
    this.resumeTimers.clear();
    await this.consumer.disconnect();
    await this.producer.disconnect();
    await this.lagMonitor?.stop();
  }

  /** Throws unless the consumer is started and kafkajs has not given up on it: a readiness probe. */
  assertConsuming(): void {
    if (this.gaveUp) throw new Error(`the ${this.groupId} consumer crashed for good: ${this.gaveUp.message}`);
    if (!this.running) throw new Error(`the ${this.groupId} consumer is not running`);
  }

  /** Reads the group's lag now (also what the gauge shows); undefined without a registry. */
  async refreshLag(): Promise<PartitionLag[] | undefined> {
    return this.lagMonitor?.refresh();
  }

  private async checkTopics(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = [this.topic, this.dlqTopic].filter((topic) => !existing.has(topic));
      if (missing.length > 0) {
        throw new Error(`topic(s) ${missing.join(', ')} do not exist; create them at start-up with ensureTopics`);
      }
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * Records are taken in partition order, in runs of up to maxRecordsPerTransaction that share one transaction
   * (RecordProcessor.processRun); a record that is retried, or a run that failed, goes one at a time. A record to retry later pauses only its own
   * partition and returns: kafkajs fetches again only once every batch of a fetch is handled, so waiting
   * in place would hold up every other partition on the broker; paused, the others keep flowing, and the
   * unresolved record is fetched again when the timer resumes its partition.
   */
  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, pause, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    const { messages } = batch;
    const perTransaction = Math.max(1, this.options.maxRecordsPerTransaction ?? DEFAULT_RECORDS_PER_TRANSACTION);
    const consumed = (message: KafkaMessage) => ({
      topic: batch.topic,
      partition: batch.partition,
      message,
      heartbeat,
    });
    let oneByOneUntil = 0;
    for (let next = 0; next < messages.length;) {
      if (!this.running || !isRunning() || isStale()) return;
      if (next >= oneByOneUntil && perTransaction > 1) {
        const done = await this.processor.processRun(messages.slice(next, next + perTransaction).map(consumed));
        const last = messages[next + done - 1];
        if (done > 0 && last) {
          next += done;
          resolveOffset(last.offset);
          await commitOffsetsIfNecessary();
          await heartbeat();
          continue;
        }
        if (done < 0) oneByOneUntil = next - done;
      }
      const message = messages[next];
      if (message === undefined) return;
      const outcome = await this.processor.process(consumed(message));
      if (outcome.kind === 'retry') {
        const resume = pause();
        const timer = setTimeout(() => {
          this.resumeTimers.delete(timer);
          resume();
        }, outcome.delayMs);
        this.resumeTimers.add(timer);
        return;
      }
      next += 1;
      resolveOffset(message.offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }
}
