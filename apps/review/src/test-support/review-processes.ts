import { BuiltServiceProcess, kafkaBrokers } from '@incident/testing';

/**
 * `node apps/<app>/dist/main.js` for the review e2e (the relay and the review service), as the launcher would
 * start them, with the suite's variables; resolves once the service answers `readyPath`.
 */
export async function startBuilt(
  app: 'relay' | 'review',
  env: Record<string, string>,
  readyPath = '/health/ready',
  timeoutMs = 60_000,
): Promise<BuiltServiceProcess> {
  const service = await BuiltServiceProcess.launch(app, { KAFKA_BROKERS: kafkaBrokers().join(','), ...env });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!service.running) throw new Error(`${app} exited early:\n${service.logs()}`);
    const status = await fetch(`http://127.0.0.1:${service.port}${readyPath}`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return service;
    await new Promise((wait) => setTimeout(wait, 200));
  }
  await service.kill();
  throw new Error(`${app} not ready within ${timeoutMs} ms:\n${service.logs()}`);
}
