import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '@incident/testing';
import { waitFor } from './wait';

export const ROOT = resolve(__dirname, '../../../..');
const MAIN = join(ROOT, 'apps', 'relay', 'dist', 'main.js');

/** The relay as its own process (`node apps/relay/dist/main.js`), as it runs in production. */
export class RelayProcess {
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

  /** Starts a relay with the given environment on top of the test's (DATABASE_URL, KAFKA_BROKERS, …). */
  static async start(env: Record<string, string>): Promise<RelayProcess> {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npm test builds; or npm run build)`);
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: {
        ...process.env,
        AUTH_JWT_SECRET: 'test-secret-for-the-relay-e2e-tests-0123456789',
        LOG_LEVEL: 'info',
        RELAY_PORT: String(port),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const relay = new RelayProcess(child, port);
    await waitFor('the relay to serve /health/live', async () => {
      if (child.exitCode !== null) throw new Error(`relay exited with ${child.exitCode}:\n${relay.logs()}`);
      return (await fetch(`http://127.0.0.1:${port}/health/live`)).ok;
    });
    return relay;
  }

  logs(): string {
    return this.output;
  }

  /** The value of one unlabelled relay metric (besides the service label), from /metrics. */
  async metric(name: string): Promise<number> {
    const text = await (await fetch(`http://127.0.0.1:${this.port}/metrics`)).text();
    const match = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
    if (!match) throw new Error(`no ${name} in /metrics`);
    return Number(match[1]);
  }

  async isActive(): Promise<boolean> {
    return (await this.metric('relay_active')) === 1;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.running) this.child.kill(signal);
    await this.exited;
  }
}
