import { BuiltServiceProcess, eventually, kafkaBrokers, uniqueName } from '@incident/testing';
import { CONSOLE_TEST_SECRET } from './console-process';

/** A built service (query, escalation, …) on the suite's database, ready when this returns, sharing the console's secret. */
export async function startService(
  name: string,
  databaseUrl: string,
  variables: Record<string, string> = {},
): Promise<BuiltServiceProcess & { readonly url: string }> {
  const service = await BuiltServiceProcess.launch(name, {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: kafkaBrokers().join(','),
    KAFKA_TOPIC_PREFIX: `${uniqueName(`console-${name}`)}.`,
    AUTH_JWT_SECRET: CONSOLE_TEST_SECRET,
    ...variables,
  });
  const url = `http://127.0.0.1:${service.port}`;
  try {
    await eventually(
      `${name} to be ready`,
      async () => {
        if (!service.running) throw new Error(`${name} exited before ready:\n${service.logs()}`);
        const status = await fetch(`${url}/health/ready`).then(
          (response) => response.status,
          () => 0,
        );
        return status === 200 ? true : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 250 },
    );
  } catch (error) {
    await service.kill();
    throw error;
  }
  return Object.assign(service, { url });
}
