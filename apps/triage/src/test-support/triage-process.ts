import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { eventually, freePort } from '@incident/testing';

const ROOT = resolve(__dirname, '../../../..');
const MAIN = join(ROOT, 'apps', 'triage', 'dist', 'main.js');
export const TRIAGE_PROCESS_JWT_SECRET = 'test-secret-for-the-triage-e2e-tests-0123456789';

/** Triage as its own process (`node apps/triage/dist/main.js`), as it runs in production, to be killed. */
export class TriageProcess {
  private output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  }

  /** Starts triage with `env` on top of the test's (DATABASE_URL, KAFKA_BROKERS, …); resolves once it is ready. */
  static async start(env: Record<string, string>): Promise<TriageProcess> {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npm test builds; or npm run build)`);
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: {
        ...process.env,
        AUTH_JWT_SECRET: TRIAGE_PROCESS_JWT_SECRET,
        LOG_LEVEL: 'warn',
        TRIAGE_PORT: String(port),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const triage = new TriageProcess(child, port);
    await eventually(
      'triage to report ready',
      async () => {
        if (child.exitCode !== null) throw new Error(`triage exited with ${child.exitCode}:\n${triage.logs()}`);
        return (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined))?.ok ? true : undefined;
      },
      { timeoutMs: 60_000 },
    );
    return triage;
  }

  logs(): string {
    return this.output;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.running) this.child.kill(signal);
    await this.exited;
  }
}
