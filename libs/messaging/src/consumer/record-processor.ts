import type { KafkaMessage, Producer } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import type { RecordedEvent, UpcasterRegistry } from '@incident/event-store';
import { fromIncidentEventMessage, InvalidIncidentEventMessage } from '../incident-event-message';
import {
  buildDeadLetterMessage,
  type DeadLetterFailure,
  type DeadLetterReason,
  describeError,
} from '../dlq/dead-letter';
import { appliedBefore, claimEvent } from './applied-events';
import type { ConsumerMetrics } from './consumer-metrics';
import type { IncidentEventHandler } from './incident-event-handler';
import type { MessagingLogger } from './messaging-logger';
import { backoffDelay, type BackoffOptions } from './retry-policy';
import { applyRun, type LastWrite, RunFailed, type RunRecord } from './record-runs';

export interface RecordProcessorSettings {
  readonly groupId: string;
  readonly dlqTopic: string;
  readonly pool: Pool;
  readonly handler: IncidentEventHandler;
  readonly producer: Producer;
  readonly maxAttempts: number;
  readonly backoff: BackoffOptions;
  readonly isPermanent: (error: unknown) => boolean;
  readonly logger: MessagingLogger;
  readonly metrics: ConsumerMetrics | undefined;
  /** Upgrades old schema versions before anything else looks at the event. */
  readonly upcasters?: UpcasterRegistry;
  /** False: nobody here handles this event; its offset moves on with no transaction and no idempotency row. */
  readonly accepts?: (event: RecordedEvent) => boolean;
}

export interface ConsumedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
  readonly heartbeat: () => Promise<void>;
}

/** `done`: the offset may be committed. `retry`: leave it uncommitted and come back after `delayMs`. */
export type RecordOutcome = { readonly kind: 'done' } | { readonly kind: 'retry'; readonly delayMs: number };

/**
 * PostgreSQL could not start the transaction (or lost the connection): not the record's fault, so it never
 * counts as an attempt. The partition keeps waiting, backing off up to the ceiling, however long it takes.
 */
class DatabaseUnavailable extends Error {
  override readonly name = 'DatabaseUnavailable';
}

interface RecordState {
  failures: number;
  outages: number;
  /** A failed run's attempt: its backoff ends then. */
  notBefore?: number;
  pendingDeadLetter?: DeadLetterFailure;
}

/** SQLSTATE class 08 (connection exception) and 57P01–57P03 (server shutting down or starting up). */
const isConnectionLoss = (error: unknown): boolean =>
  /^(08|57P0[1-3]$)/.test(String((error as { code?: unknown } | null)?.code ?? ''));

const keyOf = (record: ConsumedRecord): string => `${record.topic}|${record.partition}|${record.message.offset}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** fromIncidentEventMessage plus what this consumer relies on: a UUID id, and the key naming the stream. */
function parseRecord(message: KafkaMessage): RecordedEvent {
  const event = fromIncidentEventMessage(message.value);
  if (!UUID.test(event.id)) throw new InvalidIncidentEventMessage('id must be a UUID');
  const key = message.key?.toString('utf8');
  if (key !== event.streamId) {
    // Per-stream order only holds if every event of a stream is keyed (so partitioned) by its stream id.
    throw new InvalidIncidentEventMessage(`record key ${JSON.stringify(key ?? null)} is not the streamId`);
  }
  return event;
}

/**
 * Takes one record to a final state: applied, skipped as a duplicate, or dead-lettered — or says when to try
 * again. Attempt counts live in memory, keyed by position; a restart starts counting afresh, which only ever
 * gives a record more attempts, never fewer.
 */
export class RecordProcessor {
  private readonly states = new Map<string, RecordState>();

  constructor(private readonly settings: RecordProcessorSettings) {}

  async process(record: ConsumedRecord): Promise<RecordOutcome> {
    const key = keyOf(record);
    const state = this.states.get(key) ?? { failures: 0, outages: 0 };
    const outcome = await this.advance(record, state);
    if (outcome.kind === 'done') this.states.delete(key);
    else this.states.set(key, state);
    return outcome;
  }

  /**
   * Applies as many records from the front of `records` as can go together in one transaction (applyRun):
   * first deliveries that parse, at least two of them. Resolves with how many are done (their offsets may be
   * committed), 0 when the first must go through process() alone, or minus the run's length when the run failed
   * and was rolled back: its records then go through process() one at a time.
   */
  async processRun(records: readonly ConsumedRecord[]): Promise<number> {
    const run: RunRecord[] = [];
    for (const record of records) {
      if (this.states.has(keyOf(record))) break;
      let event: RecordedEvent;
      try {
        event = parseRecord(record.message);
        if (this.settings.upcasters) event = this.settings.upcasters.upcast(event);
      } catch {
        break; // process() dead-letters it, with the reason
      }
      run.push({ record, event, handled: this.settings.accepts?.(event) ?? true });
    }
    if (run.length < 2) return 0;
    const { pool, groupId, handler, metrics, logger } = this.settings;
    let tx: PoolClient | undefined;
    let broken: Error | undefined;
    try {
      if (run.some((item) => item.handled)) {
        tx = await pool.connect();
        const applied = new Set(await applyRun(tx, groupId, handler, run));
        for (const { record, event, handled } of run) {
          if (!handled) continue;
          // Counted once per event: a second delivery within the run is a duplicate skipped.
          const counter = applied.delete(event.id.toLowerCase()) ? metrics?.applied : metrics?.skippedDuplicate;
          counter?.inc({ group: groupId, topic: record.topic });
        }
      }
      for (const { record, event, handled } of run) if (!handled) this.skipUnhandled(record, event);
      return run.length;
    } catch (error) {
      if (error instanceof RunFailed && error.connectionBroken) broken = error;
      if (error instanceof RunFailed && error.failed) this.runFailed(error.failed, error.cause);
      const first = records[0];
      logger.warn(
        {
          groupId,
          topic: first?.topic,
          partition: first?.partition,
          offset: first?.message.offset,
          records: run.length,
          error: describeError(error),
        },
        'a run of records failed in one transaction; taking them one at a time',
      );
      return tx ? -run.length : 0;
    } finally {
      tx?.release(broken);
    }
  }

  /**
   * The attempt a failed run made at one record counts as its first, as if it had been taken alone: a
   * transient failure waits out its backoff when process() reaches it (attempt 2 then), a permanent one is
   * dead-lettered there; a lost database connection is not the record's fault and counts nothing.
   */
  private runFailed({ record, event }: RunRecord, error: unknown): void {
    if (isConnectionLoss(error)) return;
    const { groupId, maxAttempts, backoff, isPermanent, logger, metrics } = this.settings;
    const state: RecordState = { failures: 1, outages: 0 };
    if (isPermanent(error)) state.pendingDeadLetter = this.failure('permanent-error', error, 1);
    else if (maxAttempts <= 1) state.pendingDeadLetter = this.failure('retries-exhausted', error, 1);
    else {
      const delayMs = backoffDelay(1, backoff);
      state.notBefore = Date.now() + delayMs;
      metrics?.retries.inc({ group: groupId, topic: record.topic });
      const where = { groupId, topic: record.topic, partition: record.partition, offset: record.message.offset };
      logger.warn(
        { ...where, eventId: event.id, attempt: 1, maxAttempts, delayMs, error: describeError(error) },
        'event handler failed; retrying',
      );
    }
    this.states.set(keyOf(record), state);
  }

  /** Forgets attempt counts of partitions this member no longer owns. */
  forgetAllBut(owned: ReadonlySet<string>): void {
    for (const key of this.states.keys()) {
      if (!owned.has(key.slice(0, key.lastIndexOf('|')))) this.states.delete(key);
    }
  }

  private async advance(record: ConsumedRecord, state: RecordState): Promise<RecordOutcome> {
    if (state.notBefore !== undefined) {
      const delayMs = state.notBefore - Date.now();
      delete state.notBefore;
      if (delayMs > 0) return { kind: 'retry', delayMs };
    }
    if (state.pendingDeadLetter) return this.deadLetter(record, state, state.pendingDeadLetter);
    let event: RecordedEvent;
    try {
      event = parseRecord(record.message);
      if (this.settings.upcasters) event = this.settings.upcasters.upcast(event);
    } catch (error) {
      return this.deadLetter(record, state, this.failure('invalid-message', error, 1));
    }
    if (this.settings.accepts && !this.settings.accepts(event)) return this.skipUnhandled(record, event);
    const attempt = state.failures + 1;
    try {
      const applied = await this.apply(record, event, attempt);
      const { groupId, metrics } = this.settings;
      (applied ? metrics?.applied : metrics?.skippedDuplicate)?.inc({ group: groupId, topic: record.topic });
      return { kind: 'done' };
    } catch (error) {
      return this.failed(record, state, event, attempt, error);
    }
  }

  private failed(
    record: ConsumedRecord,
    state: RecordState,
    event: RecordedEvent,
    attempt: number,
    error: unknown,
  ): RecordOutcome | Promise<RecordOutcome> {
    const { groupId, maxAttempts, backoff, logger, metrics } = this.settings;
    const where = { groupId, topic: record.topic, partition: record.partition, offset: record.message.offset };
    if (error instanceof DatabaseUnavailable || isConnectionLoss(error)) {
      state.outages += 1;
      const delayMs = backoffDelay(state.outages, backoff);
      logger.warn({ ...where, error: describeError(error), delayMs }, 'PostgreSQL unavailable; partition waits');
      return { kind: 'retry', delayMs };
    }
    state.failures = attempt;
    if (this.settings.isPermanent(error)) {
      return this.deadLetter(record, state, this.failure('permanent-error', error, attempt));
    }
    if (attempt >= maxAttempts) {
      return this.deadLetter(record, state, this.failure('retries-exhausted', error, attempt));
    }
    const delayMs = backoffDelay(attempt, backoff);
    metrics?.retries.inc({ group: groupId, topic: record.topic });
    logger.warn(
      { ...where, eventId: event.id, attempt, maxAttempts, delayMs, error: describeError(error) },
      'event handler failed; retrying',
    );
    return { kind: 'retry', delayMs };
  }

  private skipUnhandled(record: ConsumedRecord, event: RecordedEvent): RecordOutcome {
    const { groupId, logger, metrics } = this.settings;
    metrics?.skippedUnhandled.inc({ group: groupId, topic: record.topic, type: event.type });
    logger.debug?.(
      { groupId, topic: record.topic, partition: record.partition, offset: record.message.offset, type: event.type },
      'no handler for this event type; skipped',
    );
    return { kind: 'done' };
  }

  /**
   * Runs the handler and claims the event in one transaction; false when it was applied before. The claim
   * comes after the handler, not before: the store's global log is read up to the oldest transaction still
   * running that has written (PostgreSQL's snapshot xmin), so a transaction that wrote its claim and then
   * waited on a handler (pages, executors, commands) held back the relay and every projection of the database
   * for that long. Read first, written last, it holds them back only for its last statements.
   */
  private async apply(record: ConsumedRecord, event: RecordedEvent, attempt: number): Promise<boolean> {
    const { pool, groupId, handler } = this.settings;
    let tx: PoolClient;
    try {
      tx = await pool.connect();
    } catch (error) {
      throw new DatabaseUnavailable(describeError(error));
    }
    let broken: Error | undefined;
    try {
      await tx.query('BEGIN').catch((error: unknown) => {
        throw new DatabaseUnavailable(describeError(error));
      });
      if ((await appliedBefore(tx, groupId, [event])).size > 0) {
        await tx.query('ROLLBACK');
        return false;
      }
      const { topic, partition, message, heartbeat } = record;
      const last: LastWrite[] = [];
      const writeLast = (work: LastWrite) => void last.push(work);
      await handler(event, { tx, groupId, topic, partition, offset: message.offset, attempt, heartbeat, writeLast });
      for (const work of last) await work(tx);
      // Claimed last: see the method's comment. Claimed meanwhile by another member (after a rebalance): its
      // transaction won, this one's rows go.
      if (!(await claimEvent(tx, groupId, event, attempt))) {
        await tx.query('ROLLBACK');
        return false;
      }
      await tx.query('COMMIT');
      return true;
    } catch (error) {
      await tx.query('ROLLBACK').catch((rollbackError: unknown) => {
        // A connection that cannot roll back is not given back to the pool for reuse.
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      tx.release(broken);
    }
  }

  private failure(reason: DeadLetterReason, error: unknown, attempts: number): DeadLetterFailure {
    return { reason, error, attempts, consumerGroup: this.settings.groupId, failedAt: new Date() };
  }

  /** The offset moves on only once the broker has the dead letter; until then the record is retried. */
  private async deadLetter(
    record: ConsumedRecord,
    state: RecordState,
    failure: DeadLetterFailure,
  ): Promise<RecordOutcome> {
    const { groupId, dlqTopic, producer, logger, metrics, backoff } = this.settings;
    const details = {
      groupId,
      topic: record.topic,
      partition: record.partition,
      offset: record.message.offset,
      key: record.message.key?.toString('utf8') ?? null,
      dlqTopic,
      reason: failure.reason,
      attempts: failure.attempts,
      error: describeError(failure.error),
    };
    try {
      await producer.send({ topic: dlqTopic, acks: -1, messages: [buildDeadLetterMessage(record, failure)] });
    } catch (error) {
      state.pendingDeadLetter = failure;
      state.outages += 1;
      const delayMs = backoffDelay(state.outages, backoff);
      logger.error({ ...details, delayMs, sendError: describeError(error) }, 'could not dead-letter a record');
      return { kind: 'retry', delayMs };
    }
    metrics?.deadLetters.inc({ group: groupId, topic: record.topic, reason: failure.reason });
    logger.error(details, 'record dead-lettered');
    return { kind: 'done' };
  }
}
