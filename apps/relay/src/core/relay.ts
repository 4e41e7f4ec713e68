import { finishesWithin, pause, WakeUp, type EventStore, type LogWakeUp } from '@incident/event-store';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { CheckpointStore } from './checkpoint-store';
import { KafkaPublisher } from './kafka-publisher';
import { LeaderLock } from './leader-lock';
import { runRelayLoop } from './relay-loop';
import type { RelayMetrics } from './relay-metrics';
import { retryUntilDone } from './retry';

export interface RelayOptions {
  /** Names the lock and the checkpoint row: one active relay, one checkpoint per name. */
  readonly name: string;
  readonly topic: string;
  /** PostgreSQL that holds the lock and the checkpoint (DATABASE_URL). */
  readonly connectionString: string;
  readonly store: Pick<EventStore, 'readAll' | 'wakeUp'>;
  readonly kafka: Kafka;
  readonly batchSize: number;
  readonly lockPollMs: number;
  readonly idlePollMs: number;
  /**
   * The PostgreSQL store's NOTIFY channel, when the store lives in this database: the lock's own session LISTENs,
   * sparing a connection. Otherwise the store's wakeUp() (EventStoreDB: a live subscription) wakes the relay.
   */
  readonly notifyChannel?: string | undefined;
  /** Start-up work before competing for the lock (creating the topics); retried until it succeeds. */
  readonly prepare?: () => Promise<unknown>;
  readonly metrics: RelayMetrics;
  readonly logger: Logger;
}

/**
 * A relay instance: stands by until it holds the lock, then publishes until it loses the lock or is stopped,
 * then stands by again. Runs in the background from start(); never throws out of it.
 */
export class Relay {
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;
  private term: { lock: LeaderLock; publisher: KafkaPublisher } | undefined;

  constructor(private readonly options: RelayOptions) {}

  start(): void {
    this.running ??= this.run().catch((error: unknown) =>
      this.options.logger.fatal({ err: error }, 'relay: stopped by an unexpected error'),
    );
  }

  /**
   * Stops publishing: the page in flight may finish and be recorded, then the producer disconnects and the
   * lock is released. After `budgetMs` the lock's session and the producer are closed regardless.
   */
  async stop(budgetMs: number): Promise<void> {
    this.stopping.abort();
    if (!this.running) return;
    if (await finishesWithin(this.running, budgetMs)) return;
    this.options.logger.warn({ budgetMs }, 'relay: stop took too long; closing the lock session and producer');
    await Promise.all([this.term?.lock.release(), this.term?.publisher.disconnect()]);
  }

  private async run(): Promise<void> {
    const { logger, lockPollMs } = this.options;
    const signal = this.stopping.signal;
    if (this.options.prepare)
      await retryUntilDone('start-up', this.options.prepare, { signal, logger, intervalMs: 2_000 });
    while (!signal.aborted) {
      const lock = new LeaderLock({ ...this.options, pollMs: lockPollMs });
      logger.info({ name: this.options.name }, 'relay: standing by for the lock');
      try {
        if (!(await lock.acquire(signal))) break;
        await this.serve(lock);
      } catch (error) {
        logger.error({ err: error }, 'relay: term ended by an error; competing for the lock again');
      } finally {
        this.options.metrics.setActive(false);
        await lock.release();
        this.term = undefined;
      }
      // A breath before competing again, so that a relay failing fast does not spin.
      await pause(lockPollMs, signal);
    }
    logger.info('relay: stopped');
  }

  private async serve(lock: LeaderLock): Promise<void> {
    const { logger, metrics } = this.options;
    const signals = {
      stop: this.stopping.signal,
      lost: lock.lost,
      halt: AbortSignal.any([this.stopping.signal, lock.lost]),
    };
    const checkpoints = new CheckpointStore(lock.session, this.options.name);
    await checkpoints.open();
    const start = await checkpoints.load();
    let wakeUp: LogWakeUp;
    if (this.options.notifyChannel) {
      const doorbell = new WakeUp();
      lock.session.on('notification', () => doorbell.ring());
      // LISTEN takes an identifier, which cannot be a bind parameter; the channel is the store's own constant.
      if (!/^[a-z_]+$/.test(this.options.notifyChannel)) throw new Error('bad notify channel');
      await lock.session.query(`LISTEN ${this.options.notifyChannel}`);
      wakeUp = doorbell;
    } else {
      wakeUp = this.options.store.wakeUp();
    }
    const publisher = new KafkaPublisher(this.options.kafka, this.options.topic, logger);
    this.term = { lock, publisher };
    metrics.setActive(true);
    logger.info({ checkpoint: start.checkpoint ?? 'the beginning' }, 'relay: holding the lock; publishing');
    try {
      await runRelayLoop(
        {
          ...this.options,
          publisher,
          checkpoints,
          wakeUp,
          onError: ({ error, failures, retryInMs }) =>
            logger.warn({ err: error, failures, retryInMs }, 'relay: reading or recording a page failed; retrying'),
        },
        start,
        signals,
      );
    } finally {
      metrics.setActive(false);
      await Promise.all([publisher.disconnect(), wakeUp.close()]);
    }
    if (lock.lost.aborted) logger.warn('relay: lock lost; stopped publishing');
  }
}
