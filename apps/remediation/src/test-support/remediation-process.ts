import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort, kafkaBrokers } from '@incident/testing';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const MAIN = join(ROOT, 'apps', 'remediation', 'dist', 'main.js');

export interface RemediationProcess {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves when the process has exited (by itself or by a signal). */
  readonly exited: Promise<void>;
}

/** `node apps/remediation/dist/main.js`, as the launcher would start it, with the suite's variables. */
export async function startRemediationProcess(env: Record<string, string>): Promise<RemediationProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npm run build)`);
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      REMEDIATION_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  return { child, output: () => output, exited };
}
