import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mintToken, portVariable, type Role, type ServiceName } from '@incident/platform';
import { freePort, kafkaBrokers } from '@incident/testing';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
export const E2E_SECRET = 'triage-e2e-secret-0123456789abcdefghij';

/** A built service (`apps/<name>/dist/main.js`) as its own process, as the launcher starts it. */
export interface ServiceProcess {
  readonly name: ServiceName;
  readonly url: string;
  output(): string;
  stop(): Promise<void>;
}

export function bearer(roles: Role[], subject = `${roles.join('-')}-1`): string {
  return `Bearer ${mintToken({ secret: E2E_SECRET, issuer: 'incident-platform' }, { subject, roles, expiresIn: '10m' })}`;
}

export async function startService(name: ServiceName, env: Record<string, string>): Promise<ServiceProcess> {
  const main = join(ROOT, 'apps', name, 'dist', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: build first (npm run build)`);
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: {
      ...process.env,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      AUTH_JWT_SECRET: E2E_SECRET,
      LOG_LEVEL: 'warn',
      [portVariable(name)]: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited before ready:\n${output}`);
    const status = await fetch(`${url}/health/ready`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) break;
    if (Date.now() > deadline) throw new Error(`${name} not ready within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    name,
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
