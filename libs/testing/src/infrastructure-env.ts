/**
 * Environment variables through which globalSetup hands the test infrastructure to every Jest worker.
 * DATABASE_URL and KAFKA_BROKERS are the services' own variables; the rest are the tests' bookkeeping.
 */
export const TEST_ENV = {
  databaseUrl: 'DATABASE_URL',
  kafkaBrokers: 'KAFKA_BROKERS',
  /** Where the infrastructure came from: environment, testcontainers or local processes. */
  source: 'TEST_INFRA_SOURCE',
  /** Why PostgreSQL / Kafka are unusable, when they are; set only outside CI (under CI the run fails). */
  postgresUnavailable: 'TEST_POSTGRES_UNAVAILABLE',
  kafkaUnavailable: 'TEST_KAFKA_UNAVAILABLE',
  /** EventStoreDB is the one component allowed to be missing under CI: none can run on the machines here. */
  eventStoreUnavailable: 'TEST_EVENTSTORE_UNAVAILABLE',
} as const;

export type Component = 'postgres' | 'kafka' | 'eventstoredb';

/** Under CI=true a missing component fails the run instead of skipping tests (EventStoreDB aside). */
export function isCi(): boolean {
  const value = process.env['CI'];
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}

export function databaseUrl(): string {
  const url = process.env[TEST_ENV.databaseUrl];
  if (!url)
    throw new Error('DATABASE_URL is not set: integration tests run through `npm test` or after `npm run infra:up`');
  return url;
}

export function kafkaBrokers(): string[] {
  const brokers = process.env[TEST_ENV.kafkaBrokers];
  if (!brokers)
    throw new Error('KAFKA_BROKERS is not set: integration tests run through `npm test` or after `npm run infra:up`');
  return brokers.split(',').map((broker) => broker.trim());
}

export function unavailableReason(component: Component): string | undefined {
  const key = {
    postgres: TEST_ENV.postgresUnavailable,
    kafka: TEST_ENV.kafkaUnavailable,
    eventstoredb: TEST_ENV.eventStoreUnavailable,
  }[component];
  return process.env[key] || undefined;
}
