#!/usr/bin/env node
// The project's entry point for `npm start`, `npm test` and `npm run infra:*`. It runs before node_modules
// exists, so this file and everything it imports before ensureDependencies() use Node's built-ins only.
import { fail } from './lib/console.mjs';
import { ensureDependencies } from './lib/dependencies.mjs';

const [command = 'help', ...args] = process.argv.slice(2);

const commands = {
  start: async () => (await import('./start.mjs')).start(),
  test: async () => (await import('./test.mjs')).test(args),
  'infra:up': async () => (await import('./infra-commands.mjs')).up(),
  'infra:down': async () => (await import('./infra-commands.mjs')).down(),
  'infra:status': async () => (await import('./infra-commands.mjs')).status(),
  incidentctl: async () => (await import('./incidentctl.mjs')).incidentctl(args),
};

if (!commands[command]) {
  process.stderr.write(`usage: node tools/run.mjs <${Object.keys(commands).join('|')}>\n`);
  process.exit(2);
}

try {
  await ensureDependencies();
  const code = await commands[command]();
  process.exitCode = typeof code === 'number' ? code : 0;
} catch (error) {
  fail(command, error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
