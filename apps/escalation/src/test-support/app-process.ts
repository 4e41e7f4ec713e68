import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { portVariable, type ServiceName } from '@incident/platform';
import { freePort } from '@incident/testing';

const ROOT = resolve(__dirname, '..', '..', '..', '..');

/** A built app (`node apps/<name>/dist/main.js`) run as its own process, as the launcher runs it. */
export class AppProcess {
  private output = '';
  readonly exited: Promise<void>;

  private constructor(
    readonly name: ServiceName,
    readonly port: number,
    readonly child: ChildProcess,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000)));
    child.stderr?.on('data', (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000)));
    this.exited = new Promise((resolveExit) => child.once('exit', () => resolveExit()));
  }

  static async start(name: ServiceName, env: Record<string, string>, port?: number): Promise<AppProcess> {
    const main = join(ROOT, 'apps', name, 'dist', 'main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: build first (npm run build)`);
    const listen = port ?? (await freePort());
    const child = spawn(process.execPath, [main], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env, [portVariable(name)]: String(listen) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const app = new AppProcess(name, listen, child);
    await app.ready();
    return app;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  logs(): string {
    return this.output;
  }

  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill(signal);
    await this.exited;
  }

  private async ready(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`${this.name} exited before ready:\n${this.output}`);
      const status = await fetch(`${this.url}/health/ready`).then(
        (response) => response.status,
        () => 0,
      );
      if (status === 200) return;
      await new Promise((resolveWait) => setTimeout(resolveWait, 200));
    }
    throw new Error(`${this.name} not ready within ${timeoutMs} ms:\n${this.output}`);
  }
}
