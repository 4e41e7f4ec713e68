import { BuiltServiceProcess, eventually } from '@incident/testing';

export const TRIAGE_PROCESS_JWT_SECRET = 'test-secret-for-the-triage-e2e-tests-0123456789';

/** Triage as its own process (`node apps/triage/dist/main.js`), as it runs in production, to be killed. */
export class TriageProcess extends BuiltServiceProcess {
  /** Starts triage with `env` on top of the test's (DATABASE_URL, KAFKA_BROKERS, …); resolves once it is ready. */
  static async start(env: Record<string, string>): Promise<TriageProcess> {
    const { child, port } = await BuiltServiceProcess.spawn('triage', {
      AUTH_JWT_SECRET: TRIAGE_PROCESS_JWT_SECRET,
      ...env,
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
}
