#!/usr/bin/env node
// `npm run build`'s second half: the web console's bundle, after the TypeScript build of the services.
import { fail } from './lib/console.mjs';
import { buildConsoleWeb } from './lib/console-web-build.mjs';

try {
  await buildConsoleWeb();
} catch (error) {
  fail('build', error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
