import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import { headerText } from '../incident-event-message';

/**
 * Headers a consumer adds when it gives up on a record (DESIGN.md §5). The record itself keeps its original
 * key, value and headers, so a replay republishes exactly what the producer wrote.
 */
export const DLQ_HEADERS = {
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  error: 'dlq-error',
  reason: 'dlq-reason',
  attempts: 'dlq-attempts',
  consumerGroup: 'dlq-consumer-group',
  failedAt: 'dlq-failed-at',
} as const;

const DLQ_HEADER_PREFIX = 'dlq-';

/** Why a record was given up on: it never parsed, the handler refused it, or every attempt failed. */
export type DeadLetterReason = 'invalid-message' | 'permanent-error' | 'retries-exhausted';

export interface FailedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly message: Pick<KafkaMessage, 'key' | 'value' | 'offset'> & { readonly headers?: IHeaders };
}

export interface DeadLetterFailure {
  readonly reason: DeadLetterReason;
  readonly error: unknown;
  readonly attempts: number;
  readonly consumerGroup: string;
  readonly failedAt: Date;
}

/** A dead letter as read back from the DLQ topic. */
export interface DeadLetter {
  /** Where the dead letter itself sits in the DLQ topic: what `dlq replay` takes. */
  readonly partition: number;
  readonly offset: string;
  readonly originalTopic: string | undefined;
  readonly originalPartition: number | undefined;
  readonly originalOffset: string | undefined;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** The original record's headers, without the dlq-* ones. */
  readonly headers: IHeaders;
  readonly error: string | undefined;
  readonly reason: string | undefined;
  readonly attempts: number | undefined;
  readonly consumerGroup: string | undefined;
  readonly failedAt: string | undefined;
}

const MAX_ERROR_LENGTH = 1_000;

/**
 * One line naming the error. Only the error's name and message are kept — never the record's value or a
 * stack — so a dead letter (and the log line about it) repeats nothing the original producer did not write.
 */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : `non-error thrown: ${String(error)}`;
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_ERROR_LENGTH ? `${line.slice(0, MAX_ERROR_LENGTH - 1)}…` : line;
}

/** The original headers minus any dlq-* ones (a replayed record that failed again gets fresh ones). */
export function withoutDeadLetterHeaders(headers: IHeaders | undefined): IHeaders {
  const kept: IHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined && !name.startsWith(DLQ_HEADER_PREFIX)) kept[name] = value;
  }
  return kept;
}

export function buildDeadLetterMessage(record: FailedRecord, failure: DeadLetterFailure): Message {
  return {
    key: record.message.key,
    value: record.message.value,
    headers: {
      ...withoutDeadLetterHeaders(record.message.headers),
      [DLQ_HEADERS.originalTopic]: record.topic,
      [DLQ_HEADERS.originalPartition]: String(record.partition),
      [DLQ_HEADERS.originalOffset]: record.message.offset,
      [DLQ_HEADERS.error]: describeError(failure.error),
      [DLQ_HEADERS.reason]: failure.reason,
      [DLQ_HEADERS.attempts]: String(failure.attempts),
      [DLQ_HEADERS.consumerGroup]: failure.consumerGroup,
      [DLQ_HEADERS.failedAt]: failure.failedAt.toISOString(),
    },
  };
}

const integerOrUndefined = (text: string | undefined): number | undefined =>
  text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;

export function parseDeadLetter(partition: number, message: KafkaMessage): DeadLetter {
  const headers = message.headers;
  return {
    partition,
    offset: message.offset,
    originalTopic: headerText(headers, DLQ_HEADERS.originalTopic),
    originalPartition: integerOrUndefined(headerText(headers, DLQ_HEADERS.originalPartition)),
    originalOffset: headerText(headers, DLQ_HEADERS.originalOffset),
    key: message.key,
    value: message.value,
    headers: withoutDeadLetterHeaders(headers),
    error: headerText(headers, DLQ_HEADERS.error),
    reason: headerText(headers, DLQ_HEADERS.reason),
    attempts: integerOrUndefined(headerText(headers, DLQ_HEADERS.attempts)),
    consumerGroup: headerText(headers, DLQ_HEADERS.consumerGroup),
    failedAt: headerText(headers, DLQ_HEADERS.failedAt),
  };
}

export interface ReplayRecord {
  readonly topic: string;
  /**
   * The partition the record was read from. Replaying there — rather than letting a partitioner choose —
   * keeps the event in its stream's partition whatever partitioner the original producer used.
   */
  readonly partition: number | undefined;
  readonly message: Message;
}

/** What to republish for a dead letter: its original key, value and headers, to its original topic. */
export function replayRecordOf(deadLetter: DeadLetter): ReplayRecord {
  if (!deadLetter.originalTopic) {
    throw new Error(
      `dead letter ${deadLetter.partition}:${deadLetter.offset} has no ${DLQ_HEADERS.originalTopic} header`,
    );
  }
  return {
    topic: deadLetter.originalTopic,
    partition: deadLetter.originalPartition,
    message: { key: deadLetter.key, value: deadLetter.value, headers: deadLetter.headers },
  };
}
