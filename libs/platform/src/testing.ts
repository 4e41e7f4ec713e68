// `@incident/platform/testing`: helpers for suites only, left out of the library build.
import { loadConfig, type PlatformConfig } from './config/load-config';
import type { ServiceName } from './services';

export const TEST_JWT_SECRET = 'platform-test-secret-0123456789abcdefghij';

export interface TestServiceEnvironment {
  readonly databaseUrl: string;
  readonly kafkaBrokers: readonly string[];
  /** Any further variable, by its name (KAFKA_TOPIC_PREFIX, KAFKA_PARTITIONS_INCIDENT_EVENTS, ...). */
  readonly variables?: Readonly<Record<string, string>>;
}

/** A service's configuration as its suites want it: the suite's database and broker, TEST_JWT_SECRET, no logs. */
export function testServiceConfig(service: ServiceName, environment: TestServiceEnvironment): PlatformConfig {
  const { databaseUrl, kafkaBrokers, variables = {} } = environment;
  const base = { DATABASE_URL: databaseUrl, KAFKA_BROKERS: kafkaBrokers.join(','), AUTH_JWT_SECRET: TEST_JWT_SECRET };
  return loadConfig(service, { ...base, LOG_LEVEL: 'silent', ...variables });
}
