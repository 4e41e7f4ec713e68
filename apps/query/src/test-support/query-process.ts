import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort, kafkaBrokers } from '@incident/testing';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const MAIN = join(ROOT, 'apps', 'query', 'dist', 'main.js');
export const TEST_SECRET = 'query-process-test-secret-0123456789abcdef';

export interface QueryProcess {
  readonly child: ChildProcess;
  readonly port: number;
  output(): string;
  /** Resolves when the process has exited (by itself or by a signal). */
  readonly exited: Promise<void>;
}

/** `node apps/query/dist/main.js` against the given database, as the launcher would start it. */
export async function startQueryProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<QueryProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npm run build)`);
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      AUTH_JWT_SECRET: TEST_SECRET,
      QUERY_PORT: String(port),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  return { child, port, output: () => output, exited };
}

export async function waitForReady(query: QueryProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (query.child.exitCode !== null) throw new Error(`query exited early:\n${query.output()}`);
    const status = await fetch(`http://127.0.0.1:${query.port}/health/ready`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  throw new Error(`query not ready within ${timeoutMs} ms:\n${query.output()}`);
}
