import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { elapsed, step } from './console.mjs';
import { ROOT } from './paths.mjs';
import { run } from './processes.mjs';

const APP = join(ROOT, 'apps/console-web');
const OUTPUT = join(APP, 'dist/index.html');
// What the bundle is made of: the page's sources, its config, and the domain it shares with the services.
const INPUTS = [join(APP, 'src'), join(APP, 'index.html'), join(APP, 'vite.config.mjs'), join(ROOT, 'libs/domain/src')];

function newestChange(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/**
 * The web console's bundle (Vite) into apps/console-web/dist, which apps/console serves. Like tsc -b it does
 * nothing when the bundle is newer than everything it is built from, so npm start and npm test stay quick.
 */
export async function buildConsoleWeb({ quiet = false } = {}) {
  const say = quiet ? () => undefined : (message) => step('build', message);
  if (existsSync(OUTPUT) && statSync(OUTPUT).mtimeMs > Math.max(...INPUTS.filter(existsSync).map(newestChange))) {
    say('web console bundle is up to date');
    return;
  }
  const startedAt = Date.now();
  say('bundling the web console (vite build)…');
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  const code = await run(process.execPath, [
    vite,
    'build',
    '--config',
    join(APP, 'vite.config.mjs'),
    '--logLevel',
    'warn',
  ]);
  if (code !== 0) throw new Error('the web console bundle failed (errors above)');
  say(`web console bundled in ${elapsed(startedAt)}`);
}
