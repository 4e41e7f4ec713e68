import { existsSync, readFileSync } from 'node:fs';
import { build } from './lib/build.mjs';
import { INFRA_ENV_FILE } from './lib/paths.mjs';
import { run } from './lib/processes.mjs';
import { localAuditSigningKey, localAuthSecret } from './lib/secrets.mjs';

/** DATABASE_URL and KAFKA_BROKERS of the local infrastructure, for whichever of them the caller did not set. */
function localInfrastructure() {
  if (!existsSync(INFRA_ENV_FILE)) return {};
  const entries = readFileSync(INFRA_ENV_FILE, 'utf8')
    .split('\n')
    .filter((line) => line.includes('='))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]);
  return Object.fromEntries(entries.filter(([key]) => !process.env[key]));
}

/**
 * Builds if needed and runs the incidentctl CLI with the local signing secret and, when `npm run infra:up`
 * (or npm start) is running, the local PostgreSQL and Kafka: `npm run incidentctl -- replay <id>`.
 */
export async function incidentctl(args) {
  await build({ quiet: true });
  return run(process.execPath, ['apps/incidentctl/dist/main.js', ...args], {
    env: {
      ...localInfrastructure(),
      ...process.env,
      AUTH_JWT_SECRET: localAuthSecret(),
      AUDIT_SIGNING_KEY: localAuditSigningKey(),
    },
  });
}
