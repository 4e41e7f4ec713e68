import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { elapsed, step } from './console.mjs';
import { ROOT } from './paths.mjs';
import { run } from './processes.mjs';

/**
 * Installs the locked dependencies when node_modules is missing or older than package-lock.json.
 * Runs before anything else, so it may use Node's built-in modules only.
 */
export async function ensureDependencies() {
  const lock = join(ROOT, 'package-lock.json');
  const marker = join(ROOT, 'node_modules', '.package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  const startedAt = Date.now();
  step('deps', 'installing dependencies with npm ci (first run only)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const code = await run(npm, ['ci', '--no-audit', '--no-fund'], {
    env: { ...process.env, npm_config_loglevel: 'warn' },
  });
  if (code !== 0) throw new Error(`npm ci failed with exit code ${code}`);
  step('deps', `installed in ${elapsed(startedAt)}`);
}
