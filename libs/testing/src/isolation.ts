import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client, Pool } from 'pg';
import { eventually } from './eventually';
import { databaseUrl, kafkaBrokers } from './infrastructure-env';

/** A name no other suite or run uses: `<prefix>-<base36 time>-<random>`, lower case. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`.toLowerCase();
}

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh database of its own for one suite, so suites can run in parallel without sharing rows. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = uniqueName(`t_${label}`).replace(/[^a-z0-9_]/g, '_');
  const admin = new Client({ connectionString: databaseUrl() });
  await admin.connect();
  try {
    // The name is generated above from [a-z0-9_] only; identifiers cannot be bound as parameters.
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(databaseUrl());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: databaseUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * A pool on a test database. pg's `Pool.end()` resolves before its clients' sockets have closed, so the suite's
 * own `drop()` (DROP DATABASE … WITH (FORCE)) can cut a closing client, and an 'error' on a pool nobody listens
 * to ends the whole test file with "Unhandled error". Errors of idle clients are kept for a test to look at.
 */
export function testPool(url: string, max = 10): Pool & { readonly idleErrors: Error[] } {
  const idleErrors: Error[] = [];
  const pool = Object.assign(new Pool({ connectionString: url, max }), { idleErrors });
  pool.on('error', (error) => void idleErrors.push(error));
  return pool;
}

/** A kafkajs client on the test broker with kafkajs logging off: failures surface as rejected promises. */
export function testKafka(clientId: string): Kafka {
  return new Kafka({ clientId: uniqueName(clientId), brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
}

/** Creates a topic with a unique name and waits until its partitions have leaders. */
export async function createTestTopic(kafka: Kafka, prefix: string, numPartitions: number): Promise<string> {
  const topic = uniqueName(prefix);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions, replicationFactor: 1 }] });
    // Polled here rather than by kafkajs's `waitForLeaders`, which gives up on the UNKNOWN_TOPIC_OR_PARTITION a
    // KRaft broker answers for a moment after creation (libs/messaging `waitForTopicLeaders` says more).
    await eventually(
      `leaders for topic ${topic}`,
      async () => {
        const metadata = await admin.fetchTopicMetadata({ topics: [topic] }).catch((error: { retriable?: boolean }) => {
          if (error.retriable) return undefined;
          throw error;
        });
        return metadata?.topics.every((entry) => entry.partitions.every((partition) => partition.leader >= 0))
          ? true
          : undefined;
      },
      { timeoutMs: 30_000 },
    );
  } finally {
    await admin.disconnect();
  }
  return topic;
}
