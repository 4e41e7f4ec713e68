import { BuiltServiceProcess, kafkaBrokers } from '@incident/testing';

export const TEST_SECRET = 'query-process-test-secret-0123456789abcdef';

export type QueryProcess = BuiltServiceProcess;

/** `node apps/query/dist/main.js` against the given database, as the launcher would start it. */
export function startQueryProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<QueryProcess> {
  return BuiltServiceProcess.launch('query', {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: kafkaBrokers().join(','),
    AUTH_JWT_SECRET: TEST_SECRET,
    ...env,
  });
}

export async function waitForReady(query: QueryProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (query.child.exitCode !== null) throw new Error(`query exited early:\n${query.logs()}`);
    const status = await fetch(`http://127.0.0.1:${query.port}/health/ready`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  throw new Error(`query not ready within ${timeoutMs} ms:\n${query.logs()}`);
}
