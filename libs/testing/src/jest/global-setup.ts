import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startContainers } from '../containers';
import { isDockerEngineReachable } from '../docker';
import { TEST_ENV, isCi } from '../infrastructure-env';
import { probeKafka, probePostgres } from '../probes';

const ROOT = resolve(__dirname, '../../../..');
const INFRA_ENV_FILE = join(ROOT, '.data', 'infra.env');

interface Teardown {
  stop?: () => Promise<void>;
}
/** Shared with global-teardown.ts: both run in Jest's parent process. */
export const teardown: Teardown = (globalThis as { __incidentTestTeardown?: Teardown }).__incidentTestTeardown ?? {};
(globalThis as { __incidentTestTeardown?: Teardown }).__incidentTestTeardown = teardown;

function readInfraEnvFile(): Record<string, string> {
  if (!existsSync(INFRA_ENV_FILE)) return {};
  return Object.fromEntries(
    readFileSync(INFRA_ENV_FILE, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

/** Environment first, then Testcontainers when a Docker engine answers, else the project's local processes. */
async function provide(): Promise<string> {
  if (process.env[TEST_ENV.databaseUrl] && process.env[TEST_ENV.kafkaBrokers]) return 'environment';
  if (await isDockerEngineReachable()) {
    const containers = await startContainers();
    teardown.stop = containers.stop;
    process.env[TEST_ENV.databaseUrl] ??= containers.databaseUrl;
    process.env[TEST_ENV.kafkaBrokers] ??= containers.kafkaBrokers;
    return 'testcontainers';
  }
  const before = readInfraEnvFile();
  execFileSync(process.execPath, [join(ROOT, 'tools/run.mjs'), 'infra:up'], { cwd: ROOT, stdio: 'inherit' });
  const local = readInfraEnvFile();
  process.env[TEST_ENV.databaseUrl] ??= local['DATABASE_URL'];
  process.env[TEST_ENV.kafkaBrokers] ??= local['KAFKA_BROKERS'];
  if (Object.keys(before).length === 0) {
    teardown.stop = async () => {
      execFileSync(process.execPath, [join(ROOT, 'tools/run.mjs'), 'infra:down'], { cwd: ROOT, stdio: 'inherit' });
    };
  }
  return 'local processes';
}

/**
 * Runs once before the integration suites. A component that cannot be reached fails the run under CI=true;
 * elsewhere its suites are skipped with the reason printed, never silently.
 */
export default async function globalSetup(): Promise<void> {
  let source: string;
  try {
    source = await provide();
  } catch (error) {
    source = `none (${error instanceof Error ? error.message : String(error)})`;
  }
  process.env[TEST_ENV.source] = source;
  const databaseUrl = process.env[TEST_ENV.databaseUrl];
  const brokers = process.env[TEST_ENV.kafkaBrokers];
  const postgresProblem = databaseUrl ? await probePostgres(databaseUrl) : `no PostgreSQL: ${source}`;
  const kafkaProblem = brokers ? await probeKafka(brokers.split(',')) : `no Kafka: ${source}`;
  const problems = [postgresProblem, kafkaProblem].filter((problem): problem is string => problem !== undefined);
  if (problems.length > 0 && isCi()) {
    throw new Error(`CI=true and the test infrastructure is not usable:\n  - ${problems.join('\n  - ')}`);
  }
  if (postgresProblem) process.env[TEST_ENV.postgresUnavailable] = postgresProblem;
  if (kafkaProblem) process.env[TEST_ENV.kafkaUnavailable] = kafkaProblem;
  if (!process.env['EVENTSTORE_URL'] && !(await isDockerEngineReachable())) {
    process.env[TEST_ENV.eventStoreUnavailable] =
      'no EventStoreDB reachable: EVENTSTORE_URL is unset and no Docker engine answers for Testcontainers';
    process.stderr.write(`\n!!! EventStoreDB suites will be SKIPPED: ${process.env[TEST_ENV.eventStoreUnavailable]}\n`);
  }
  for (const problem of problems)
    process.stderr.write(`\n!!! integration tests needing it will be SKIPPED: ${problem}\n`);
  process.stderr.write(`\n[testing] infrastructure from ${source}\n`);
}
