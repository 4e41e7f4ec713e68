import {
  finishesWithin,
  pause,
  planAnchorsInSlices,
  type AuditSigningKey,
  type EventStore,
  type SignedAnchor,
} from '@incident/event-store';
import { AnchorLog, anchorRecord } from '@incident/messaging';
import { CompressionTypes, type Kafka, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { LeaderLock } from '../core/leader-lock';
import { changedHeads } from './changed-heads';
import type { AnchorerMetrics } from './anchorer-metrics';
import { tellWitnesses, type Witness } from './witnesses';

export interface AnchorerOptions {
  /** `audit.anchors` behind the prefix: names the lock too, so one anchorer is active per topic. */
  readonly topic: string;
  readonly connectionString: string;
  readonly store: Pick<EventStore, 'readAll' | 'readAllHeads'>;
  readonly kafka: Kafka;
  readonly key: AuditSigningKey;
  readonly intervalMs: number;
  readonly lockPollMs: number;
  readonly batchSize: number;
  readonly witnesses: readonly Witness[];
  readonly metrics: AnchorerMetrics;
  readonly logger: Logger;
  /** Most leaves per anchor; the default keeps a record near 150 kB, far below Kafka's 1 MB. */
  readonly maxLeaves?: number;
  /** Start-up work before competing for the lock (creating the topic); retried until it succeeds. */
  readonly prepare: () => Promise<unknown>;
}

/** Pages read per round before anchoring what was read; a backlog is anchored in rounds without pausing. */
const MAX_PAGES_PER_ROUND = 40;

/**
 * Hashes per turn of the event loop while building a tree. The anchorer shares the relay's loop: a whole tree of
 * 1,000 leaves in one go held the relay's publishing up for tens of milliseconds (bench:relay's p99 1.74×).
 */
const HASHES_PER_SLICE = 64;

/**
 * The one active anchorer: stands by for its lock (the relay's advisory-lock mechanism, under its own name),
 * then, every `intervalMs`, signs the heads of the streams that changed since its last anchor and publishes
 * them on `audit.anchors`, then to the witnesses. Its state is the topic itself: each term starts from the
 * newest anchor there (its sequence, hash and checkpoint), so nothing is kept in the database it vouches for.
 */
export class Anchorer {
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;
  private producer: Producer | undefined;

  constructor(private readonly options: AnchorerOptions) {}

  start(): void {
    this.running ??= this.run().catch((error: unknown) =>
      this.options.logger.fatal({ err: error }, 'anchorer: stopped by an unexpected error'),
    );
  }

  async stop(budgetMs: number): Promise<void> {
    this.stopping.abort();
    if (this.running) await finishesWithin(this.running, budgetMs);
    await this.producer?.disconnect().catch(() => undefined);
  }

  private async run(): Promise<void> {
    const { logger } = this.options;
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      try {
        await this.options.prepare();
        break;
      } catch (error) {
        logger.warn({ err: error }, 'anchorer: start-up failed; retrying');
        await pause(2_000, signal);
      }
    }
    while (!signal.aborted) {
      const lock = new LeaderLock({
        connectionString: this.options.connectionString,
        name: this.options.topic,
        pollMs: this.options.lockPollMs,
        logger,
      });
      try {
        if (!(await lock.acquire(signal))) break;
        this.options.metrics.setActive(true);
        logger.info(
          { topic: this.options.topic, keyId: this.options.key.verifyKey.keyId },
          'anchorer: holding the lock',
        );
        await this.serve(AbortSignal.any([signal, lock.lost]));
      } catch (error) {
        logger.error({ err: error }, 'anchorer: term ended by an error; competing for the lock again');
      } finally {
        this.options.metrics.setActive(false);
        await this.producer?.disconnect().catch(() => undefined);
        this.producer = undefined;
        await lock.release();
      }
      await pause(this.options.lockPollMs, signal);
    }
  }

  private async serve(halt: AbortSignal): Promise<void> {
    const { logger, metrics } = this.options;
    let previous = await this.newestAnchor();
    let after = previous?.checkpoint || undefined;
    logger.info({ sequence: previous?.sequence ?? 'none', checkpoint: after ?? 'the beginning' }, 'anchorer: resuming');
    while (!halt.aborted) {
      const round = await changedHeads(this.options.store, after, {
        batchSize: this.options.batchSize,
        maxPages: MAX_PAGES_PER_ROUND,
        signal: halt,
      });
      if (round.checkpoint && round.heads.size > 0) {
        const anchors = await planAnchorsInSlices(
          {
            previous,
            heads: round.heads,
            throughPosition: round.throughPosition,
            checkpoint: round.checkpoint,
            anchoredAt: new Date(),
            maxLeaves: this.options.maxLeaves ?? 1_000,
          },
          this.options.key,
          HASHES_PER_SLICE,
        );
        for (const anchor of anchors) {
          // A lost lock means another anchorer may be extending the chain: publishing now would fork it.
          if (halt.aborted) return;
          const producer = await this.connected();
          await producer.send({
            topic: this.options.topic,
            acks: -1,
            compression: CompressionTypes.GZIP,
            messages: [anchorRecord(anchor)],
          });
          previous = anchor;
          metrics.published(anchor.leafCount);
          await tellWitnesses(this.options.witnesses, anchor, logger, halt);
        }
        after = round.checkpoint;
      }
      if (!round.more) await pause(this.options.intervalMs, halt);
    }
  }

  /** The last record of the topic, which the chain continues from; undefined for an empty topic. */
  private async newestAnchor(): Promise<SignedAnchor | undefined> {
    const { kafka, topic } = this.options;
    const admin = kafka.admin();
    await admin.connect();
    let high: bigint;
    try {
      const partition = (await admin.fetchTopicOffsets(topic)).find((entry) => entry.partition === 0);
      high = BigInt(partition?.high ?? '0');
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    if (high === 0n) return undefined;
    const log = new AnchorLog({ kafka, topic, startAt: high - 1n });
    try {
      await log.upToDate(30_000);
    } finally {
      await log.close();
    }
    const last = log.anchors.at(-1);
    if (!last) {
      throw new Error(
        `${topic} ends with a record that is not an anchor (${log.unreadable.at(-1)?.reason ?? 'none read'})`,
      );
    }
    return last;
  }

  private async connected(): Promise<Producer> {
    if (this.producer) return this.producer;
    const producer = this.options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    this.producer = producer;
    return producer;
  }
}
