#!/usr/bin/env node
// The project's entry point for `npm start`, `npm test` and `npm run infra:*`. It runs before node_modules
// exists, and under whatever Node the machine has, so this file and everything it imports before
// ensureDependencies() use Node's built-ins only.
import { fail, note } from './lib/console.mjs';
import { ensureDependencies } from './lib/dependencies.mjs';
import { describeNode, nodeOptions, runUnderSuitableNode } from './lib/node-runtime.mjs';

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
  // On an older Node this runs the whole command again under the pinned Node and reports its exit code.
  const code = await runUnderSuitableNode();
  if (code !== undefined) {
    process.exitCode = code;
  } else {
    if (command !== 'incidentctl') note('node', describeNode());
    process.env.NODE_OPTIONS = nodeOptions();
    await ensureDependencies();
    const result = await commands[command]();
    process.exitCode = typeof result === 'number' ? result : 0;
  }
} catch (error) {
  fail(command, error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
