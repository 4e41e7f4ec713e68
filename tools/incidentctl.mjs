import { build } from './lib/build.mjs';
import { run } from './lib/processes.mjs';
import { localAuthSecret } from './lib/secrets.mjs';

/** Builds if needed and runs the incidentctl CLI with the local signing secret, e.g. `token --role admin`. */
export async function incidentctl(args) {
  await build({ quiet: true });
  return run(process.execPath, ['apps/incidentctl/dist/main.js', ...args], {
    env: { ...process.env, AUTH_JWT_SECRET: localAuthSecret() },
  });
}
