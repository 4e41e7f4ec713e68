import { elapsed, step } from './console.mjs';
import { buildConsoleWeb } from './console-web-build.mjs';
import { run } from './processes.mjs';

/**
 * Incremental TypeScript build of every library and app (project references), then the web console's bundle;
 * fast when nothing changed.
 */
export async function build({ quiet = false } = {}) {
  const startedAt = Date.now();
  const say = quiet ? () => undefined : (message) => step('build', message);
  say('compiling apps and libraries (tsc -b)…');
  const code = await run(process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'tsconfig.build.json']);
  if (code !== 0) throw new Error('the TypeScript build failed (errors above)');
  say(`done in ${elapsed(startedAt)}`);
  await buildConsoleWeb({ quiet });
}
