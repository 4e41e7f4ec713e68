import { Command, InvalidArgumentError } from 'commander';
import { kafkaFromEnvironment } from './kafka-from-env';
import { type DeadLetter, listDeadLetters, type RecordPosition, replayDeadLetters, TOPICS } from '@incident/messaging';

function parseLimit(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('use a whole number ≥ 1');
  return Number(value);
}

function parsePosition(value: string, previous: RecordPosition[] = []): RecordPosition[] {
  const [, partition, offset] = /^(\d+):(\d+)$/.exec(value) ?? [];
  if (partition === undefined || offset === undefined) {
    throw new InvalidArgumentError(`"${value}" is not partition:offset (as dlq list prints it)`);
  }
  return [...previous, { partition: Number(partition), offset }];
}

const text = (buffer: Buffer | null): string | null => (buffer === null ? null : buffer.toString('utf8'));
const origin = (letter: DeadLetter): string =>
  `${letter.originalTopic ?? '?'} ${letter.originalPartition ?? '?'}:${letter.originalOffset ?? '?'}`;

function describe(letter: DeadLetter, withValue: boolean): string {
  const lines = [
    `${letter.partition}:${letter.offset}  from ${origin(letter)}  key ${text(letter.key) ?? '(none)'}`,
    `    group ${letter.consumerGroup ?? '?'}  reason ${letter.reason ?? '?'}  attempts ${letter.attempts ?? '?'}` +
      `  failed at ${letter.failedAt ?? '?'}`,
    `    error ${letter.error ?? '?'}`,
  ];
  if (withValue) lines.push(`    value ${text(letter.value) ?? '(none)'}`);
  return lines.join('\n');
}

function asJson(letter: DeadLetter, withValue: boolean): string {
  return JSON.stringify({
    position: `${letter.partition}:${letter.offset}`,
    originalTopic: letter.originalTopic,
    originalPartition: letter.originalPartition,
    originalOffset: letter.originalOffset,
    key: text(letter.key),
    consumerGroup: letter.consumerGroup,
    reason: letter.reason,
    attempts: letter.attempts,
    failedAt: letter.failedAt,
    error: letter.error,
    ...(withValue ? { value: text(letter.value) } : {}),
  });
}

function listCommand(): Command {
  return new Command('list')
    .description('print the newest dead letters, oldest first (reads the topic; changes no consumer group)')
    .option('--topic <topic>', 'dead-letter topic', TOPICS.deadLetters)
    .option('--limit <n>', 'how many of the newest to print', parseLimit, 50)
    .option('--json', 'one JSON object per line')
    .option('--values', "also print each record's value (it may hold incident data)")
    .action(async (options: { topic: string; limit: number; json?: boolean; values?: boolean }) => {
      const letters = await listDeadLetters({
        kafka: kafkaFromEnvironment(),
        topic: options.topic,
        limit: options.limit,
      });
      const withValue = options.values === true;
      if (options.json) {
        for (const letter of letters) process.stdout.write(`${asJson(letter, withValue)}\n`);
        return;
      }
      if (letters.length === 0) {
        process.stdout.write(`no dead letters in ${options.topic}\n`);
        return;
      }
      process.stdout.write(`${letters.length} dead letter(s) in ${options.topic}, oldest first:\n`);
      for (const letter of letters) process.stdout.write(`${describe(letter, withValue)}\n`);
    });
}

function replayCommand(): Command {
  return new Command('replay')
    .description('republish dead letters (original key, value and headers) to the partition they came from')
    .argument('<positions...>', 'partition:offset of each dead letter, as dlq list prints them')
    .option('--topic <topic>', 'dead-letter topic', TOPICS.deadLetters)
    .action(async (positions: string[], options: { topic: string }) => {
      const parsed = positions.reduce<RecordPosition[]>((all, position) => parsePosition(position, all), []);
      const replayed = await replayDeadLetters({
        kafka: kafkaFromEnvironment(),
        topic: options.topic,
        positions: parsed,
      });
      for (const { deadLetter, topic, partition, offset } of replayed) {
        process.stdout.write(
          `replayed ${deadLetter.partition}:${deadLetter.offset} → ${topic} ${partition}:${offset}` +
            `  (key ${text(deadLetter.key) ?? '(none)'}, was ${origin(deadLetter)}, ${deadLetter.reason ?? '?'})\n`,
        );
      }
    });
}

/** `incidentctl dlq list|replay`: what consumers gave up on, and putting chosen records back. */
export function dlqCommand(): Command {
  return new Command('dlq')
    .description('list and replay dead letters: records a consumer gave up on (needs KAFKA_BROKERS)')
    .addCommand(listCommand())
    .addCommand(replayCommand());
}
