import { ConfigError, loadConfig } from './load-config';

const VALID = {
  DATABASE_URL: 'postgres://app:s3cret-password@127.0.0.1:5432/incident',
  KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.2:9092',
  AUTH_JWT_SECRET: 'x'.repeat(40),
};

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig('intake', env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives typed values with defaults when the required variables are set', () => {
    const config = loadConfig('intake', VALID);
    expect(config).toEqual({
      service: 'intake',
      port: 3001,
      httpHost: '127.0.0.1',
      databaseUrl: VALID.DATABASE_URL,
      kafkaBrokers: ['127.0.0.1:9092', '127.0.0.2:9092'],
      eventStoreUrl: undefined,
      authJwtSecret: VALID.AUTH_JWT_SECRET,
      authJwtIssuer: 'incident-platform',
      kafkaPartitionsIncidentEvents: 6,
      kafkaPartitionsAlertsInbound: 6,
      kafkaPartitionsDeadLetters: 1,
      kafkaTopicPrefix: '',
      relayBatchSize: 500,
      relayLockPollMs: 1000,
      relayIdlePollMs: 250,
      projectionBatchSize: 500,
      projectionIdlePollMs: 250,
      directoryPollMs: 10000,
      notifyLinkSecret: undefined,
      notifyWebhookSecret: undefined,
      notifySmtpUrl: undefined,
      notifyMailFrom: 'pages@localhost',
      notifyPagerDutyEventsUrl: undefined,
      publicBaseUrl: undefined,
      intakeRateLimitPerMinute: 6000,
      intakeReopenWindowMinutes: 30,
      auditSigningKey: undefined,
      auditPublicKey: undefined,
      auditAnchorIntervalMs: 10000,
      auditWitnessFile: undefined,
      auditWitnessUrl: undefined,
      escalationTimerLeaseMs: 15000,
      consoleSessionTtlMinutes: 720,
      consoleUpstreams: undefined,
      consoleWebDir: undefined,
      logLevel: 'info',
      shutdownTimeoutMs: 8000,
      healthCheckTimeoutMs: 2000,
    });
  });

  it('reads each service its own port variable', () => {
    expect(loadConfig('query', { ...VALID, QUERY_PORT: '4000', INTAKE_PORT: '5000' }).port).toBe(4000);
    expect(loadConfig('relay', VALID).port).toBe(3006);
  });

  it('reads the relay settings and a topic prefix, refusing characters Kafka does not allow', () => {
    const config = loadConfig('relay', {
      ...VALID,
      KAFKA_TOPIC_PREFIX: 'suite-1.',
      RELAY_BATCH_SIZE: '50',
      RELAY_LOCK_POLL_MS: '200',
      RELAY_IDLE_POLL_MS: '20',
    });
    expect(config).toMatchObject({
      kafkaTopicPrefix: 'suite-1.',
      relayBatchSize: 50,
      relayLockPollMs: 200,
      relayIdlePollMs: 20,
    });
    expect(problemsOf({ ...VALID, KAFKA_TOPIC_PREFIX: 'bad/prefix', RELAY_BATCH_SIZE: '0' })).toEqual([
      'KAFKA_TOPIC_PREFIX must be at most 200 characters of letters, digits, ".", "_" and "-" (value "bad/prefix")',
      'RELAY_BATCH_SIZE must be between 1 and 10000, got 0 (value "0")',
    ]);
  });

  it('reads the projection settings, refusing a batch too large for one transaction', () => {
    const config = loadConfig('query', { ...VALID, PROJECTION_BATCH_SIZE: '100', PROJECTION_IDLE_POLL_MS: '50' });
    expect(config).toMatchObject({ projectionBatchSize: 100, projectionIdlePollMs: 50 });
    expect(problemsOf({ ...VALID, PROJECTION_BATCH_SIZE: '20000' })).toEqual([
      'PROJECTION_BATCH_SIZE must be between 1 and 10000, got 20000 (value "20000")',
    ]);
  });

  it('reads the intake rate limit and reopen window, refusing a rate of zero', () => {
    const config = loadConfig('intake', {
      ...VALID,
      INTAKE_RATE_LIMIT_PER_MINUTE: '120',
      INTAKE_REOPEN_WINDOW_MINUTES: '5',
    });
    expect(config).toMatchObject({ intakeRateLimitPerMinute: 120, intakeReopenWindowMinutes: 5 });
    expect(() => loadConfig('intake', { ...VALID, INTAKE_RATE_LIMIT_PER_MINUTE: '0' })).toThrow(
      /INTAKE_RATE_LIMIT_PER_MINUTE/,
    );
  });

  it('lists every missing variable at once', () => {
    const problems = problemsOf({});
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/DATABASE_URL is missing/);
    expect(problems.join('\n')).toMatch(/KAFKA_BROKERS is missing/);
    expect(problems.join('\n')).toMatch(/AUTH_JWT_SECRET is missing/);
  });

  it('names every bad value and why', () => {
    const problems = problemsOf({
      ...VALID,
      INTAKE_PORT: 'eighty',
      KAFKA_BROKERS: 'localhost',
      LOG_LEVEL: 'loud',
      EVENTSTORE_URL: 'http://example',
      SHUTDOWN_TIMEOUT_MS: '5',
    });
    expect(problems).toEqual([
      'INTAKE_PORT must be a whole number, got "eighty" (value "eighty")',
      'KAFKA_BROKERS each broker must be host:port, not localhost (value "localhost")',
      'EVENTSTORE_URL must use esdb: or esdb+discover: or kurrentdb: or kurrentdb+discover: or kurrent:, got http:',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud" (value "loud")',
      'SHUTDOWN_TIMEOUT_MS must be between 100 and 120000, got 5 (value "5")',
    ]);
  });

  it('never repeats a secret value in its message', () => {
    const secret = 'short-secret';
    const databaseUrl = 'mysql://root:hunter2-password@db/x';
    const error = (() => {
      try {
        loadConfig('intake', { ...VALID, AUTH_JWT_SECRET: secret, DATABASE_URL: databaseUrl });
      } catch (caught) {
        return caught as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error.message).toMatch(/AUTH_JWT_SECRET must be at least 32 characters long/);
    expect(error.message).toMatch(/DATABASE_URL must use postgres: or postgresql:, got mysql:/);
    expect(error.message).not.toContain(secret);
    expect(error.message).not.toContain('hunter2');
  });

  it('reads CONSOLE_UPSTREAMS as name=url pairs and names a malformed entry', () => {
    const config = loadConfig('console', {
      ...VALID,
      CONSOLE_UPSTREAMS: 'query=http://q:3000/, escalation=http://e:3003',
    });
    expect(config.consoleUpstreams).toEqual({ query: 'http://q:3000', escalation: 'http://e:3003' });
    expect(() => loadConfig('console', { ...VALID, CONSOLE_UPSTREAMS: 'query:3000' })).toThrow(
      /CONSOLE_UPSTREAMS each entry must be name=http\(s\):\/\/host:port, not "query:3000"/,
    );
  });
});
