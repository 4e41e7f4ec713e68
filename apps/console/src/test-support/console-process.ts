import { mintSignInLink, type Role } from '@incident/platform';
import { BuiltServiceProcess, eventually, kafkaBrokers } from '@incident/testing';

/** The AUTH_JWT_SECRET a test gives the console and every service behind it (they must share it). */
export const CONSOLE_TEST_SECRET = 'console-test-secret-0123456789abcdefghijkl';

export interface ConsoleProcessOptions {
  readonly databaseUrl: string;
  /** Where /api goes, per service (query, intake, triage, escalation, remediation, review); others: unreachable. */
  readonly upstreams?: Readonly<Record<string, string>>;
  /** The built front end; default apps/console-web/dist. */
  readonly webDir?: string;
  /** Any further variable (LOG_LEVEL, CONSOLE_SESSION_TTL_MINUTES, …). */
  readonly variables?: Readonly<Record<string, string>>;
}

/**
 * `node apps/console/dist/main.js` on a free port, ready (GET /health/ready is 200) when start() returns.
 * signInLink() mints a link as `incidentctl login-link` does, for the test's secret.
 */
export class ConsoleProcess extends BuiltServiceProcess {
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(options: ConsoleProcessOptions): Promise<ConsoleProcess> {
    const upstreams = Object.entries(options.upstreams ?? {}).map(([name, url]) => `${name}=${url}`);
    const { child, port } = await BuiltServiceProcess.spawn('console', {
      DATABASE_URL: options.databaseUrl,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      AUTH_JWT_SECRET: CONSOLE_TEST_SECRET,
      ...(upstreams.length > 0 && { CONSOLE_UPSTREAMS: upstreams.join(',') }),
      ...(options.webDir !== undefined && { CONSOLE_WEB_DIR: options.webDir }),
      ...options.variables,
    });
    const started = new ConsoleProcess(child, port);
    try {
      await eventually(
        'the console to be ready',
        async () => {
          if (!started.running) throw new Error(`console exited before ready:\n${started.logs()}`);
          const status = await fetch(`${started.url}/health/ready`).then(
            (response) => response.status,
            () => 0,
          );
          return status === 200 ? true : undefined;
        },
        { timeoutMs: 90_000, intervalMs: 200 },
      );
    } catch (error) {
      await started.kill();
      throw error;
    }
    return started;
  }

  signInLink(
    role: Role,
    subject = `${role}-tester`,
    options: { customerId?: string; ttlSeconds?: number } = {},
  ): string {
    return `${this.url}/auth/link/${signInToken(CONSOLE_TEST_SECRET, role, subject, options)}`;
  }
}

export function signInToken(
  secret: string,
  role: Role,
  subject: string,
  options: { customerId?: string; ttlSeconds?: number } = {},
): string {
  return mintSignInLink(
    { secret, issuer: 'incident-platform' },
    {
      subject,
      role,
      ...(options.customerId !== undefined && { customerId: options.customerId }),
      ttlSeconds: options.ttlSeconds ?? 600,
    },
  );
}
