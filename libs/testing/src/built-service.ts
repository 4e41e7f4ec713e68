import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';

const REPO_ROOT = resolve(__dirname, '../../..');

/**
 * A built service as its own process (`node apps/<app>/dist/main.js`), as it runs in production, on a free
 * port (`<APP>_PORT`), `env` on top of the test's (DATABASE_URL, KAFKA_BROKERS, …). Its output is kept for the
 * failure messages; waiting until it is ready is the caller's, as what "ready" means differs per service.
 */
export class BuiltServiceProcess {
  private output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  protected constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  }

  protected static async spawn(
    app: string,
    env: Record<string, string>,
  ): Promise<{ child: ChildProcess; port: number }> {
    const main = join(REPO_ROOT, 'apps', app, 'dist', 'main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: build first (npm test builds; or npm run build)`);
    const port = await freePort();
    const child = spawn(process.execPath, [main], {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', [`${app.toUpperCase()}_PORT`]: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { child, port };
  }

  /** Starts `app` and gives its process at once, not waiting for it to be ready. */
  static async launch(app: string, env: Record<string, string>): Promise<BuiltServiceProcess> {
    const { child, port } = await BuiltServiceProcess.spawn(app, env);
    return new BuiltServiceProcess(child, port);
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
