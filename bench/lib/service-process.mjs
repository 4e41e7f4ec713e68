import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from './infrastructure.mjs';

export const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

export async function waitUntilUp(url, child, name, attempts = 300) {
  for (let i = 0; i < attempts; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${name} did not come up at ${url}`);
}

export async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** An app as it runs in production, `node apps/<app>/dist/main.js`, on its own port; resolves once live. */
export async function startService(app, env) {
  const main = join(ROOT, 'apps', app, 'dist', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);
  const port = await freePort();
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, [`${app.toUpperCase()}_PORT`]: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(`${base}/health/live`, child, app);
  } catch (error) {
    await stop(child);
    throw error;
  }
  return { base, stop: () => stop(child) };
}

/**
 * `node apps/<app>/dist/main.js` on a free port (`<APP>_PORT`), `env` on top of this process's, its output kept
 * for the error a bench throws when the service fails. Not waited for: each caller knows what "ready" means.
 */
export async function spawnBuilt(app, env) {
  const main = join(ROOT, 'apps', app, 'dist', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', [`${app.toUpperCase()}_PORT`]: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return { child, base: `http://127.0.0.1:${port}`, logs: () => output, stop: () => stop(child) };
}
