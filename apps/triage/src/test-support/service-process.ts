import { mintToken, type Role, type ServiceName } from '@incident/platform';
import { BuiltServiceProcess, kafkaBrokers } from '@incident/testing';

export const E2E_SECRET = 'triage-e2e-secret-0123456789abcdefghij';

/** A built service (`apps/<name>/dist/main.js`) as its own process, as the launcher starts it. */
export interface ServiceProcess {
  readonly name: ServiceName;
  readonly url: string;
  output(): string;
  stop(): Promise<void>;
}

export function bearer(roles: Role[], subject = `${roles.join('-')}-1`): string {
  return `Bearer ${mintToken({ secret: E2E_SECRET, issuer: 'incident-platform' }, { subject, roles, expiresIn: '10m' })}`;
}

export async function startService(name: ServiceName, env: Record<string, string>): Promise<ServiceProcess> {
  const service = await BuiltServiceProcess.launch(name, {
    KAFKA_BROKERS: kafkaBrokers().join(','),
    AUTH_JWT_SECRET: E2E_SECRET,
    ...env,
  });
  const url = `http://127.0.0.1:${service.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (service.child.exitCode !== null) throw new Error(`${name} exited before ready:\n${service.logs()}`);
    const status = await fetch(`${url}/health/ready`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) break;
    if (Date.now() > deadline) throw new Error(`${name} not ready within 60 s:\n${service.logs()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { name, url, output: () => service.logs(), stop: () => service.kill('SIGTERM') };
}
