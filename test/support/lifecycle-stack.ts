import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { SmtpReceiver } from '@incident/notify/testing';
import { mintToken, type Role } from '@incident/platform';
import { TEST_JWT_SECRET } from '@incident/platform/testing';
import {
  BuiltServiceProcess,
  createTestDatabase,
  eventually,
  kafkaBrokers,
  type TestDatabase,
  uniqueName,
} from '@incident/testing';

const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);

/** Every service of the lifecycle, in the order they start (the relay first, so nothing waits on Kafka). */
export const LIFECYCLE_SERVICES = [
  'relay',
  'query',
  'intake',
  'triage',
  'escalation',
  'remediation',
  'review',
] as const;
export type LifecycleService = (typeof LIFECYCLE_SERVICES)[number];

/** The config `npm start` applies on a first run, in its order, with the same CLI commands. */
const CONFIG = [
  [['directory'], 'config/directory.example.yaml'],
  [['triage', 'rules'], 'config/triage-rules.example.yaml'],
  [['runbooks'], 'config/runbooks.example.yaml'],
  [['review', 'policy'], 'config/review-policy.example.yaml'],
] as const;

export interface LifecycleStack {
  readonly database: TestDatabase;
  readonly smtp: SmtpReceiver;
  /** `http://127.0.0.1:<port>` of each service. */
  url(service: LifecycleService): string;
  /** Every service's output so far, for a failure message. */
  logs(): string;
  stop(): Promise<void>;
}

/** An Authorization header minted now (the story outlasts a short token), as the services verify it. */
export function bearer(subject: string, roles: Role[] = ['responder']): string {
  const settings = { secret: TEST_JWT_SECRET, issuer: 'incident-platform' };
  return `Bearer ${mintToken(settings, { subject, roles, expiresIn: '10m' })}`;
}

async function ready(name: string, service: BuiltServiceProcess): Promise<void> {
  await eventually(
    `${name} to be ready`,
    async () => {
      if (!service.running) throw new Error(`${name} exited before ready:\n${service.logs()}`);
      const status = await fetch(`http://127.0.0.1:${service.port}/health/ready`).then(
        (response) => response.status,
        () => 0,
      );
      return status === 200 ? true : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 250 },
  );
}

/**
 * The whole platform as `npm start` runs it: the example config applied with the built `incidentctl`, then every
 * built service as its own process on one database of the suite's own and one Kafka topic prefix, e-mail going to
 * a real SMTP receiver. The console is left out: the story is told through the services' own APIs.
 */
export async function startLifecycleStack(label: string): Promise<LifecycleStack> {
  const database = await createTestDatabase(label);
  const smtp = await SmtpReceiver.start();
  const started = new Map<LifecycleService, BuiltServiceProcess>();
  const stop = async () => {
    await Promise.all([...started.values()].map((service) => service.kill('SIGTERM')));
    await smtp.close();
    await database.drop();
  };
  const env = {
    DATABASE_URL: database.url,
    KAFKA_BROKERS: kafkaBrokers().join(','),
    KAFKA_TOPIC_PREFIX: `${uniqueName(label)}.`,
    KAFKA_PARTITIONS_INCIDENT_EVENTS: '3',
    KAFKA_PARTITIONS_ALERTS_INBOUND: '1',
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    NOTIFY_SMTP_URL: smtp.url,
    NOTIFY_MAIL_FROM: 'incidents@ops.example',
    LOG_LEVEL: 'warn',
  };
  try {
    for (const [command, file] of CONFIG) {
      await run(process.execPath, [join(ROOT, 'apps/incidentctl/dist/main.js'), ...command, 'apply', file], {
        cwd: ROOT,
        env: { ...process.env, ...env },
      });
    }
    // One after another: services migrating one fresh database at once only queue on its locks.
    for (const name of LIFECYCLE_SERVICES) {
      const service = await BuiltServiceProcess.launch(name, env);
      started.set(name, service);
      await ready(name, service);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    database,
    smtp,
    url: (service) => {
      const process = started.get(service);
      if (!process) throw new Error(`${service} is not part of the stack`);
      return `http://127.0.0.1:${process.port}`;
    },
    logs: () => [...started].map(([name, service]) => `--- ${name}\n${service.logs()}`).join('\n'),
    stop,
  };
}
