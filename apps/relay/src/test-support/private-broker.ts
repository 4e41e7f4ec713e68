import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { freePort, uniqueName } from '@incident/testing';
import { ROOT } from './relay-process';

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port whose successor is free too: the broker listens on the first, its controller on the second. */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await freePort();
    if (port < 65_535 && (await isFree(port + 1))) return port;
  }
  throw new Error('no two consecutive free ports found');
}

/**
 * A Kafka broker of this test's own, started and stopped through tools/infra/kafka.mjs with its own home, so
 * stopping it never disturbs the shared broker other suites use. kafka.mjs is imported directly (not via
 * `npm run infra:up`) so that .data/infra.env is left alone.
 */
export class PrivateBroker {
  private constructor(
    readonly port: number,
    private readonly home: string,
  ) {}

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  static async start(): Promise<PrivateBroker> {
    const broker = new PrivateBroker(await freePortPair(), join(ROOT, '.data', uniqueName('kafka-test')));
    await broker.up();
    return broker;
  }

  up(): Promise<void> {
    return this.run('kafkaUp');
  }

  down(): Promise<void> {
    return this.run('kafkaDown');
  }

  /** Stops the broker and removes its home. */
  async dispose(): Promise<void> {
    await this.down().catch(() => undefined);
    rmSync(this.home, { recursive: true, force: true });
  }

  private run(command: 'kafkaUp' | 'kafkaDown'): Promise<void> {
    const env: NodeJS.ProcessEnv = { ...process.env, INFRA_KAFKA_HOME: this.home, INFRA_KAFKA_PORT: String(this.port) };
    delete env['KAFKA_BROKERS'];
    const script = `const m = await import('./tools/infra/kafka.mjs'); await m.${command}();`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env, stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((resolve, reject) =>
      child.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`${command} on port ${this.port} failed (${code}):\n${output}`)),
      ),
    );
  }
}
