// `@incident/platform/testing`: helpers for suites only, left out of the library build.
import type { INestApplication, Type } from '@nestjs/common';
import type { Role } from './auth/roles';
import { mintToken } from './auth/tokens';
import { loadConfig, type PlatformConfig } from './config/load-config';
import { createPlatformContext, createServiceApp } from './service-app';
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

/** A service module on the platform, configured by testServiceConfig and initialised; it does not listen. */
export async function startTestService(
  service: ServiceName,
  serviceModule: Type,
  environment: TestServiceEnvironment,
): Promise<INestApplication> {
  const app = await createServiceApp(createPlatformContext(testServiceConfig(service, environment)), serviceModule);
  try {
    await app.init();
  } catch (error) {
    // The suite never gets the app to close: its connections and timers would keep Jest from exiting.
    await app.close();
    throw error;
  }
  return app;
}

/** An Authorization header for `subject` holding these roles, as a service configured by testServiceConfig takes it. */
export function testBearer(roles: readonly Role[], subject = 'tester'): string {
  const settings = { secret: TEST_JWT_SECRET, issuer: 'incident-platform' };
  return `Bearer ${mintToken(settings, { subject, roles, expiresIn: '5m' })}`;
}

/** An Authorization header for a person of `customerId` holding the customer role. */
export function testCustomerBearer(customerId: string, subject = `${customerId}-contact`): string {
  const settings = { secret: TEST_JWT_SECRET, issuer: 'incident-platform' };
  return `Bearer ${mintToken(settings, { subject, roles: ['customer'], customerId, expiresIn: '5m' })}`;
}
