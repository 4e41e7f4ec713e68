import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const SCRIPT = join(ROOT, 'libs', 'scheduler', 'dist', 'testing-support', 'timer-replica.js');

/** `node libs/scheduler/dist/testing-support/timer-replica.js`: one scheduler replica in a process of its own. */
export class TimerReplicaProcess {
  private output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private metricsPort: number | undefined;

  private constructor(
    readonly id: string,
    readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => void (this.output += chunk.toString());
    for (const stream of [child.stdout, child.stderr]) stream?.on('data', keep);
    this.exited = once(child, 'exit').then(([code, signal]) => ({ code, signal }));
  }

  /** Starts a replica and resolves once it fires timers (it printed `ready <metrics port>`). */
  static async start(id: string, env: Record<string, string>): Promise<TimerReplicaProcess> {
    if (!existsSync(SCRIPT)) throw new Error(`${SCRIPT} is missing: build first (npm test builds; or npm run build)`);
    const child = spawn(process.execPath, [SCRIPT], {
      cwd: ROOT,
      env: { ...process.env, REPLICA_ID: id, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const replica = new TimerReplicaProcess(id, child);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const ready = /^ready (\d+)$/m.exec(replica.output);
      if (ready) {
        replica.metricsPort = Number(ready[1]);
        return replica;
      }
      if (child.exitCode !== null) throw new Error(`replica ${id} exited with ${child.exitCode}:\n${replica.output}`);
      if (Date.now() > deadline) throw new Error(`replica ${id} not ready within 60 s:\n${replica.output}`);
      await new Promise((wait) => setTimeout(wait, 50));
    }
  }

  logs(): string {
    return this.output;
  }

  /** One series of a metric from the replica's registry, by the exact label set written in `labels`. */
  async metric(name: string, labels: string): Promise<number> {
    const text = await (await fetch(`http://127.0.0.1:${this.metricsPort}/metrics`)).text();
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{${labels}} `));
    if (!line) throw new Error(`no ${name}{${labels}} in the replica's metrics`);
    return Number(line.slice(line.lastIndexOf(' ') + 1));
  }

  async kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}
