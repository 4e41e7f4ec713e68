import type { KafkaMessage } from 'kafkajs';
import { headerText } from '../incident-event-message';
import {
  buildDeadLetterMessage,
  DLQ_HEADERS,
  describeError,
  parseDeadLetter,
  replayRecordOf,
  withoutDeadLetterHeaders,
} from './dead-letter';
import { PermanentError } from '../consumer/retry-policy';

const original = {
  topic: 'incident.events',
  partition: 4,
  message: {
    key: Buffer.from('incident-1'),
    value: Buffer.from('{"not":"an event"'),
    offset: '1234',
    headers: { 'event-id': Buffer.from('e-1'), 'correlation-id': Buffer.from('c-1') },
  },
};
const failure = {
  reason: 'retries-exhausted' as const,
  error: new Error('deadlock detected'),
  attempts: 5,
  consumerGroup: 'triage',
  failedAt: new Date('2026-11-22T04:00:00.000Z'),
};

/** What the broker hands back for a record produced from `message`. */
function asConsumed(message: ReturnType<typeof buildDeadLetterMessage>, offset: string): KafkaMessage {
  const headers = Object.fromEntries(
    Object.entries(message.headers ?? {}).map(([name, value]) => [
      name,
      typeof value === 'string' ? Buffer.from(value) : value,
    ]),
  );
  return {
    key: message.key as Buffer,
    value: message.value as Buffer,
    offset,
    headers,
    timestamp: '0',
    attributes: 0,
  };
}

describe('a dead letter', () => {
  it('keeps the original key, value and headers and adds where it came from and why it failed', () => {
    const message = buildDeadLetterMessage(original, failure);
    expect(message.key).toBe(original.message.key);
    expect(message.value).toBe(original.message.value);
    expect(message.headers).toEqual({
      'event-id': original.message.headers['event-id'],
      'correlation-id': original.message.headers['correlation-id'],
      [DLQ_HEADERS.originalTopic]: 'incident.events',
      [DLQ_HEADERS.originalPartition]: '4',
      [DLQ_HEADERS.originalOffset]: '1234',
      [DLQ_HEADERS.error]: 'Error: deadlock detected',
      [DLQ_HEADERS.reason]: 'retries-exhausted',
      [DLQ_HEADERS.attempts]: '5',
      [DLQ_HEADERS.consumerGroup]: 'triage',
      [DLQ_HEADERS.failedAt]: '2026-11-22T04:00:00.000Z',
    });
  });

  it('replaces the dlq-* headers of a replayed record that failed again', () => {
    const first = buildDeadLetterMessage(original, failure);
    const again = buildDeadLetterMessage(
      { ...original, message: { ...original.message, headers: first.headers ?? {} } },
      { ...failure, reason: 'permanent-error', error: new PermanentError('no'), attempts: 1 },
    );
    expect(headerText(again.headers, DLQ_HEADERS.reason)).toBe('permanent-error');
    expect(headerText(again.headers, DLQ_HEADERS.attempts)).toBe('1');
    expect(Object.keys(again.headers ?? {}).filter((name) => name.startsWith('dlq-'))).toHaveLength(8);
  });

  it('reads back as what the CLI lists, and replays as the original record to its partition', () => {
    const letter = parseDeadLetter(0, asConsumed(buildDeadLetterMessage(original, failure), '17'));
    expect(letter).toMatchObject({
      partition: 0,
      offset: '17',
      originalTopic: 'incident.events',
      originalPartition: 4,
      originalOffset: '1234',
      error: 'Error: deadlock detected',
      reason: 'retries-exhausted',
      attempts: 5,
      consumerGroup: 'triage',
      failedAt: '2026-11-22T04:00:00.000Z',
    });
    const replay = replayRecordOf(letter);
    expect(replay.topic).toBe('incident.events');
    expect(replay.partition).toBe(4);
    expect(replay.message.key).toEqual(original.message.key);
    expect(replay.message.value).toEqual(original.message.value);
    expect(replay.message.headers).toEqual(original.message.headers);
  });

  it('cannot be replayed without knowing its original topic', () => {
    const letter = parseDeadLetter(0, asConsumed({ value: Buffer.from('x'), headers: {} }, '3'));
    expect(() => replayRecordOf(letter)).toThrow(/0:3 has no dlq-original-topic/);
  });
});

describe('describeError', () => {
  it('keeps one line with the error name, and nothing of a thrown non-error but its text', () => {
    expect(describeError(new PermanentError('refused:\n  severity unknown'))).toBe(
      'PermanentError: refused: severity unknown',
    );
    expect(describeError('boom')).toBe('non-error thrown: boom');
  });

  it('bounds the length of what goes into a header', () => {
    expect(describeError(new Error('x'.repeat(5_000))).length).toBe(1_000);
  });
});

describe('withoutDeadLetterHeaders', () => {
  it('drops dlq-* and undefined headers only', () => {
    expect(withoutDeadLetterHeaders({ 'dlq-error': 'e', 'event-id': 'a', gone: undefined })).toEqual({
      'event-id': 'a',
    });
    expect(withoutDeadLetterHeaders(undefined)).toEqual({});
  });
});
