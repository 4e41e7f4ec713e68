import { randomUUID } from 'node:crypto';
import { type Admin, type Kafka, type KafkaMessage, Partitioners } from 'kafkajs';
import { TOPICS } from '../topics';
import { type DeadLetter, parseDeadLetter, replayRecordOf } from './dead-letter';

/** A record's place in a topic, written `partition:offset` on the command line. */
export interface RecordPosition {
  readonly partition: number;
  readonly offset: string;
}

export interface DeadLetterTopicOptions {
  readonly kafka: Kafka;
  /** Default `incident.dlq`. */
  readonly topic?: string;
  /** How long reading may take before giving up; default 30 s. */
  readonly timeoutMs?: number;
}

interface OffsetRange {
  readonly partition: number;
  /** First offset to read. */
  readonly from: bigint;
  /** First offset not to read: the high watermark when reading began, or one past the last one wanted. */
  readonly to: bigint;
}

async function watermarks(admin: Admin, topic: string): Promise<Map<number, { low: bigint; high: bigint }>> {
  // Asked first: for a missing topic the broker only answers "does not host this topic-partition".
  if (!(await admin.listTopics()).includes(topic)) throw new Error(`topic ${topic} does not exist`);
  const offsets = await admin.fetchTopicOffsets(topic);
  return new Map(offsets.map((entry) => [entry.partition, { low: BigInt(entry.low), high: BigInt(entry.high) }]));
}

/**
 * Reads the given offset ranges. kafkajs has no manual partition assignment, so this joins a throwaway
 * consumer group (partitions start at their end), seeks each wanted partition to its range, commits
 * nothing, and deletes the group afterwards: no real group's offsets are ever touched.
 */
async function readRanges(
  kafka: Kafka,
  admin: Admin,
  topic: string,
  ranges: readonly OffsetRange[],
  timeoutMs: number,
): Promise<{ partition: number; message: KafkaMessage }[]> {
  const pending = new Map(ranges.filter((range) => range.from < range.to).map((range) => [range.partition, range]));
  if (pending.size === 0) return [];
  // Where each partition's reading has got to; a batch that does not start there was fetched before the seek.
  const next = new Map([...pending].map(([partition, range]) => [partition, range.from]));
  const records: { partition: number; message: KafkaMessage }[] = [];
  const groupId = `incidentctl-dlq-reader-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500 });
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: false });
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`reading ${topic} did not finish within ${timeoutMs} ms`)), timeoutMs);
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const range = pending.get(batch.partition);
            const expected = next.get(batch.partition);
            const first = batch.messages[0];
            if (!range || expected === undefined || !first || BigInt(first.offset) > expected) return;
            for (const message of batch.messages) {
              const offset = BigInt(message.offset);
              if (offset >= expected && offset < range.to) records.push({ partition: batch.partition, message });
            }
            next.set(batch.partition, BigInt(batch.lastOffset()) + 1n);
            if (BigInt(batch.lastOffset()) + 1n >= range.to) pending.delete(batch.partition);
            if (pending.size === 0) resolve();
          },
        })
        .then(() => {
          // Seeking is only possible once the consumer runs; with autoCommit off it commits nothing.
          for (const range of pending.values()) {
            consumer.seek({ topic, partition: range.partition, offset: range.from.toString() });
          }
        })
        .catch(reject);
    });
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
  return records;
}

async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

const byFailureTime = (a: DeadLetter, b: DeadLetter): number =>
  (a.failedAt ?? '').localeCompare(b.failedAt ?? '') ||
  a.partition - b.partition ||
  Number(BigInt(a.offset) - BigInt(b.offset));

/** The newest `limit` dead letters (from every partition), oldest first. */
export async function listDeadLetters(options: DeadLetterTopicOptions & { limit: number }): Promise<DeadLetter[]> {
  const topic = options.topic ?? TOPICS.deadLetters;
  const limit = BigInt(Math.max(0, Math.floor(options.limit)));
  return withAdmin(options.kafka, async (admin) => {
    const marks = await watermarks(admin, topic);
    const ranges = [...marks].map(([partition, { low, high }]) => ({
      partition,
      from: high - limit > low ? high - limit : low,
      to: high,
    }));
    const records = await readRanges(options.kafka, admin, topic, ranges, options.timeoutMs ?? 30_000);
    const letters = records.map(({ partition, message }) => parseDeadLetter(partition, message)).sort(byFailureTime);
    return letters.slice(Math.max(0, letters.length - Number(limit)));
  });
}

export interface ReplayedDeadLetter {
  readonly deadLetter: DeadLetter;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/**
 * Republishes the chosen dead letters' original key, value and headers (without the dlq-* ones) to the
 * partition of the topic they came from, in the order given. Every position is checked before anything is
 * sent, so a typo replays nothing.
 */
export async function replayDeadLetters(
  options: DeadLetterTopicOptions & { positions: readonly RecordPosition[] },
): Promise<ReplayedDeadLetter[]> {
  const topic = options.topic ?? TOPICS.deadLetters;
  const deadLetters = await withAdmin(options.kafka, async (admin) => {
    const marks = await watermarks(admin, topic);
    const wanted = new Map<number, bigint[]>();
    for (const position of options.positions) {
      const mark = marks.get(position.partition);
      const offset = BigInt(position.offset);
      if (!mark || offset < mark.low || offset >= mark.high) {
        const held = mark && mark.high > mark.low ? `offsets ${mark.low}..${mark.high - 1n}` : 'nothing';
        throw new Error(
          `${topic} has no record at ${position.partition}:${position.offset}` +
            (mark ? ` (partition ${position.partition} holds ${held})` : ` (no partition ${position.partition})`),
        );
      }
      wanted.set(position.partition, [...(wanted.get(position.partition) ?? []), offset]);
    }
    const ranges = [...wanted].map(([partition, offsets]) => ({
      partition,
      from: offsets.reduce((min, offset) => (offset < min ? offset : min)),
      to: offsets.reduce((max, offset) => (offset > max ? offset : max)) + 1n,
    }));
    const records = await readRanges(options.kafka, admin, topic, ranges, options.timeoutMs ?? 30_000);
    const found = new Map(
      records.map(({ partition, message }) => [`${partition}:${message.offset}`, { partition, message }]),
    );
    return options.positions.map((position) => {
      const record = found.get(`${position.partition}:${BigInt(position.offset)}`);
      if (!record) throw new Error(`${topic} returned no record at ${position.partition}:${position.offset}`);
      return parseDeadLetter(record.partition, record.message);
    });
  });
  const producer = options.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    const replayed: ReplayedDeadLetter[] = [];
    for (const deadLetter of deadLetters) {
      const record = replayRecordOf(deadLetter);
      const [sent] = await producer.send({
        topic: record.topic,
        acks: -1,
        messages: [{ ...record.message, ...(record.partition === undefined ? {} : { partition: record.partition }) }],
      });
      if (!sent) throw new Error(`the broker acknowledged nothing for ${deadLetter.partition}:${deadLetter.offset}`);
      replayed.push({
        deadLetter,
        topic: record.topic,
        partition: sent.partition,
        offset: sent.baseOffset ?? sent.offset ?? '?',
      });
    }
    return replayed;
  } finally {
    await producer.disconnect();
  }
}
