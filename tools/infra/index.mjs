import { mkdirSync, writeFileSync } from 'node:fs';
import { step } from '../lib/console.mjs';
import { DATA_DIR, INFRA_ENV_FILE } from '../lib/paths.mjs';
import { kafkaDown, kafkaStatus, kafkaUp } from './kafka.mjs';
import { postgresDown, postgresStatus, postgresUp } from './postgres.mjs';

/**
 * Brings up PostgreSQL and Kafka side by side. Returns the environment the services need and the list of
 * components this call started, so the caller stops exactly those and leaves reused ones running.
 */
export async function infraUp() {
  const [postgresResult, kafkaResult] = await Promise.allSettled([postgresUp(), kafkaUp()]);
  const failures = [postgresResult, kafkaResult].filter((result) => result.status === 'rejected');
  if (failures.length > 0) {
    // Leave nothing half-started behind: stop whichever component this call did bring up.
    const startedAnyway = [
      postgresResult.status === 'fulfilled' && postgresResult.value.started && 'postgres',
      kafkaResult.status === 'fulfilled' && kafkaResult.value.started && 'kafka',
    ].filter(Boolean);
    await infraDown(startedAnyway);
    throw new Error(failures.map((failure) => failure.reason?.message ?? String(failure.reason)).join('\n'));
  }
  const postgres = postgresResult.value;
  const kafka = kafkaResult.value;
  const env = { DATABASE_URL: postgres.url, KAFKA_BROKERS: kafka.brokers };
  mkdirSync(DATA_DIR, { recursive: true });
  // Lets test runners and tools started later find the local infrastructure without the launcher.
  writeFileSync(
    INFRA_ENV_FILE,
    Object.entries(env)
      .map(([key, value]) => `${key}=${value}`)
      .join('\n') + '\n',
    {
      mode: 0o600,
    },
  );
  const started = [postgres.started && 'postgres', kafka.started && 'kafka'].filter(Boolean);
  return { env, started };
}

export async function infraDown(components = ['kafka', 'postgres']) {
  for (const component of components) {
    const result = component === 'kafka' ? await kafkaDown() : await postgresDown();
    step(component, result === 'not running' ? 'was not running' : `${result}`);
  }
}

export async function infraStatus() {
  return [await postgresStatus(), await kafkaStatus()];
}
