import { resolve } from 'node:path';
import { BuiltServiceProcess } from '@incident/testing';
import { waitFor } from './wait';

export const ROOT = resolve(__dirname, '../../../..');

/** The relay as its own process (`node apps/relay/dist/main.js`), as it runs in production. */
export class RelayProcess extends BuiltServiceProcess {
  /** Starts a relay with the given environment on top of the test's (DATABASE_URL, KAFKA_BROKERS, …). */
  static async start(env: Record<string, string>): Promise<RelayProcess> {
    const { child, port } = await BuiltServiceProcess.spawn('relay', {
      AUTH_JWT_SECRET: 'test-secret-for-the-relay-e2e-tests-0123456789',
      LOG_LEVEL: 'info',
      ...env,
    });
    const relay = new RelayProcess(child, port);
    await waitFor('the relay to serve /health/live', async () => {
      if (child.exitCode !== null) throw new Error(`relay exited with ${child.exitCode}:\n${relay.logs()}`);
      return (await fetch(`http://127.0.0.1:${port}/health/live`)).ok;
    });
    return relay;
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
}
