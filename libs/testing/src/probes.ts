import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';

export async function probePostgres(url: string): Promise<string | undefined> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return `PostgreSQL does not answer SELECT 1: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function probeKafka(brokers: string[]): Promise<string | undefined> {
  const admin = new Kafka({
    clientId: 'test-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 5000,
    retry: { retries: 2 },
  }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
    return undefined;
  } catch (error) {
    return `Kafka at ${brokers.join(',')} does not answer: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
