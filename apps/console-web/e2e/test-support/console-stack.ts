import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { mintSignInLink, mintToken, type Role } from '@incident/platform';
import { BuiltServiceProcess, kafkaBrokers, uniqueName } from '@incident/testing';

const run = promisify(execFile);
export const ROOT = resolve(__dirname, '../../../..');
const SECRET = 'console-e2e-secret-0123456789abcdefghijkl';
const SETTINGS = { secret: SECRET, issuer: 'incident-platform' };

/** The services behind the console's pages, in start order after the relay (which creates the topics). */
const BACKEND = ['intake', 'triage', 'escalation', 'remediation', 'query', 'review'] as const;

export interface RunningService {
  readonly name: string;
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
  logs(): string;
}

async function start(name: string, env: Record<string, string>): Promise<RunningService> {
  const service = await BuiltServiceProcess.launch(name, {
    KAFKA_BROKERS: kafkaBrokers().join(','),
    AUTH_JWT_SECRET: SECRET,
    ...env,
  });
  const url = `http://127.0.0.1:${service.port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (!service.running) throw new Error(`${name} exited before ready:\n${service.logs()}`);
    const status = await fetch(`${url}/health/ready`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) break;
    if (Date.now() > deadline) throw new Error(`${name} not ready within 90 s:\n${service.logs()}`);
    await new Promise((done) => setTimeout(done, 250));
  }
  return {
    name,
    url,
    port: service.port,
    stop: () => service.kill('SIGTERM'),
    logs: () => service.logs(),
  };
}

/**
 * The whole platform as npm start runs it, on one test database and topic prefix: the example directory and
 * triage rules applied with the built CLI, the relay, every service with an API, and the console in front.
 */
export class ConsoleStack {
  private constructor(
    readonly services: readonly RunningService[],
    readonly intake: RunningService,
    readonly console: RunningService,
  ) {}

  static async start(databaseUrl: string): Promise<ConsoleStack> {
    const env = { ...process.env, DATABASE_URL: databaseUrl };
    const cli = join(ROOT, 'apps/incidentctl/dist/main.js');
    await run(process.execPath, [cli, 'directory', 'apply', join(ROOT, 'config/directory.example.yaml')], { env });
    await run(process.execPath, [cli, 'triage', 'rules', 'apply', join(ROOT, 'config/triage-rules.example.yaml')], {
      env,
    });
    const shared = { DATABASE_URL: databaseUrl, KAFKA_TOPIC_PREFIX: `${uniqueName('console-e2e')}.` };
    const services: RunningService[] = [];
    try {
      services.push(await start('relay', shared));
      const backend = await Promise.all(
        BACKEND.map((name) => start(name, name === 'query' ? { ...shared, PROJECTION_IDLE_POLL_MS: '50' } : shared)),
      );
      services.push(...backend);
      const ports = Object.fromEntries(
        backend.map((service) => [`${service.name.toUpperCase()}_PORT`, String(service.port)]),
      );
      // After query: its migrations create the read-model trigger the console's live feed listens to.
      const consoleApp = await start('console', { ...shared, ...ports });
      services.push(consoleApp);
      const intake = backend[BACKEND.indexOf('intake')];
      if (!intake) throw new Error('intake did not start');
      return new ConsoleStack(services, intake, consoleApp);
    } catch (error) {
      await Promise.all(services.map((service) => service.stop()));
      throw error;
    }
  }

  /** A one-time sign-in link, as `incidentctl login-link` prints it. */
  signInLink(subject: string, role: Role): string {
    return `${this.console.url}/auth/link/${mintSignInLink(SETTINGS, { subject, role, ttlSeconds: 600 })}`;
  }

  bearer(roles: Role[]): string {
    return `Bearer ${mintToken(SETTINGS, { subject: `${roles.join('-')}-e2e`, roles, expiresIn: '10m' })}`;
  }

  /** An integration key for generic JSON alerts, any customer. */
  async integrationKey(): Promise<string> {
    const created = await fetch(`${this.intake.url}/v1/integrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: this.bearer(['admin']) },
      body: JSON.stringify({
        name: 'console-e2e',
        source: 'generic',
        customerId: '*',
        service: 'acme-api',
        defaultCategory: 'availability.downtime',
      }),
    });
    if (created.status !== 201) throw new Error(`integration: ${created.status} ${await created.text()}`);
    return ((await created.json()) as { key: string }).key;
  }

  async sendAlert(key: string, fields: Record<string, unknown>): Promise<void> {
    const response = await fetch(`${this.intake.url}/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ source: 'generic', status: 'firing', ...fields }),
    });
    if (response.status >= 300) throw new Error(`alert: ${response.status} ${await response.text()}`);
  }

  logs(): string {
    return this.services.map((service) => `--- ${service.name}\n${service.logs().slice(-4000)}`).join('\n');
  }

  async stop(): Promise<void> {
    await Promise.all(this.services.map((service) => service.stop()));
  }
}
