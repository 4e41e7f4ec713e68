import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SERVICES, portVariable } from '@incident/platform';
import { describeWithInfrastructure, freePort } from '@incident/testing';

const ROOT = resolve(__dirname, '..');
const SECRET = 'test-secret-for-apps-boot-e2e-0123456789';

function waitForExit(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));
}

async function waitForReady(port: number, child: ChildProcess, output: () => string): Promise<unknown> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before ready:\n${output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (response.status === 200) return response.json();
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not ready within 30s:\n${output()}`);
}

describeWithInfrastructure(['postgres', 'kafka'], 'every app as its own process', () => {
  it.each(SERVICES.map((service) => service.name))(
    '%s boots, reports ready, and on SIGTERM closes cleanly within 10 s',
    async (name) => {
      const main = join(ROOT, 'apps', name, 'dist', 'main.js');
      if (!existsSync(main)) throw new Error(`${main} is missing: build first (npm test builds; or npm run build)`);
      const port = await freePort();
      const child = spawn(process.execPath, [main], {
        cwd: ROOT,
        env: { ...process.env, AUTH_JWT_SECRET: SECRET, [portVariable(name)]: String(port), LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = waitForExit(child);
      try {
        const health = await waitForReady(port, child, () => output);
        expect(health).toMatchObject({
          status: 'ok',
          info: { postgres: { status: 'up' }, kafka: { status: 'up' } },
        });
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const outcome = await Promise.race([
          exited,
          new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 10_000))),
        ]);
        clearTimeout(timer);
        // A clean close ends the way Nest's shutdown hooks end it: app.close() resolved, then the signal is raised
        // again with the default handler (so a supervisor sees 143). A forced exit after the shutdown timeout, or
        // a crash while closing, is exit code 1 instead.
        expect(outcome).toEqual({ code: null, signal: 'SIGTERM' });
        expect(output).not.toMatch(/graceful shutdown took too long/);
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    },
  );
});
