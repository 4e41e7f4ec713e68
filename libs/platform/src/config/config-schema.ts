import { SERVICE_NAMES, portVariable } from '../services';
import { parsers, variable, type Variable } from './variable';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Kafka topic names allow [a-zA-Z0-9._-] up to 249 characters; the prefix leaves room for the longest name. */
function topicPrefix(raw: string): string {
  if (!/^[a-zA-Z0-9._-]{0,200}$/.test(raw)) {
    throw new Error('must be at most 200 characters of letters, digits, ".", "_" and "-"');
  }
  return raw;
}

/**
 * Every environment variable the services read. The README's table and the docker-compose check are held
 * to this list, so a variable that is not here does not exist.
 */
export const PLATFORM_VARIABLES = {
  httpHost: variable({
    name: 'HTTP_HOST',
    description: 'Interface the HTTP server binds to (0.0.0.0 inside containers).',
    default: '127.0.0.1',
    parse: parsers.text,
  }),
  databaseUrl: variable({
    name: 'DATABASE_URL',
    description: 'PostgreSQL connection string for read models, checkpoints and the PostgreSQL event store.',
    secret: true,
    parse: parsers.url(['postgres:', 'postgresql:']),
  }),
  kafkaBrokers: variable({
    name: 'KAFKA_BROKERS',
    description: 'Comma-separated Kafka bootstrap servers, host:port.',
    parse: parsers.brokerList,
  }),
  eventStoreUrl: variable({
    name: 'EVENTSTORE_URL',
    description:
      'EventStoreDB/KurrentDB connection string (esdb:// or kurrentdb://). Unset: the PostgreSQL event store is used.',
    optional: true,
    secret: true,
    parse: parsers.url(['esdb:', 'esdb+discover:', 'kurrentdb:', 'kurrentdb+discover:', 'kurrent:']),
  }),
  authJwtSecret: variable({
    name: 'AUTH_JWT_SECRET',
    description: 'HMAC secret that signs and verifies bearer tokens for people (HS256), at least 32 characters.',
    secret: true,
    parse: parsers.secret(32),
  }),
  authJwtIssuer: variable({
    name: 'AUTH_JWT_ISSUER',
    description: 'Issuer written into and required of bearer tokens.',
    default: 'incident-platform',
    parse: parsers.text,
  }),
  kafkaPartitionsIncidentEvents: variable({
    name: 'KAFKA_PARTITIONS_INCIDENT_EVENTS',
    description:
      'Partitions of incident.events when the services create it at start-up (an existing topic is left as is).',
    default: '6',
    parse: parsers.integer(1, 1000),
  }),
  kafkaPartitionsAlertsInbound: variable({
    name: 'KAFKA_PARTITIONS_ALERTS_INBOUND',
    description: 'Partitions of alerts.inbound when created at start-up.',
    default: '6',
    parse: parsers.integer(1, 1000),
  }),
  kafkaPartitionsDeadLetters: variable({
    name: 'KAFKA_PARTITIONS_DLQ',
    description: 'Partitions of incident.dlq when created at start-up.',
    default: '1',
    parse: parsers.integer(1, 1000),
  }),
  kafkaTopicPrefix: variable({
    name: 'KAFKA_TOPIC_PREFIX',
    description:
      'Prefix put before every topic name (incident.events, alerts.inbound, incident.dlq); empty in production, unique per test suite.',
    default: '',
    parse: topicPrefix,
  }),
  relayBatchSize: variable({
    name: 'RELAY_BATCH_SIZE',
    description: 'Events the relay reads from the store and publishes to Kafka in one producer request.',
    default: '500',
    parse: parsers.integer(1, 10_000),
  }),
  relayLockPollMs: variable({
    name: 'RELAY_LOCK_POLL_MS',
    description:
      'How often a standby relay tries to take the advisory lock, and the active one checks its lock connection.',
    default: '1000',
    parse: parsers.integer(50, 60_000),
  }),
  relayIdlePollMs: variable({
    name: 'RELAY_IDLE_POLL_MS',
    description:
      'How often a caught-up relay looks for new events when no store notification wakes it (the LISTEN fallback).',
    default: '250',
    parse: parsers.integer(10, 60_000),
  }),
  projectionBatchSize: variable({
    name: 'PROJECTION_BATCH_SIZE',
    description:
      'Events a read-model projection reads from the store and applies in one transaction (with its checkpoint).',
    default: '500',
    parse: parsers.integer(1, 10_000),
  }),
  projectionIdlePollMs: variable({
    name: 'PROJECTION_IDLE_POLL_MS',
    description:
      'How often a caught-up projection looks for new events when no store notification wakes it (the LISTEN fallback).',
    default: '250',
    parse: parsers.integer(10, 60_000),
  }),
  directoryPollMs: variable({
    name: 'DIRECTORY_POLL_MS',
    description: 'How often a service holding the directory (DirectoryReader) looks for a newer applied version.',
    default: '10000',
    parse: parsers.integer(100, 600_000),
  }),
  notifyLinkSecret: variable({
    name: 'NOTIFY_LINK_SECRET',
    description:
      'HMAC secret (at least 32 characters) signing one-click links in messages. Unset: derived from AUTH_JWT_SECRET.',
    optional: true,
    secret: true,
    parse: parsers.secret(32),
  }),
  notifyWebhookSecret: variable({
    name: 'NOTIFY_WEBHOOK_SECRET',
    description:
      'HMAC secret (at least 32 characters) signing outgoing webhooks, shared with their receivers. Unset: no webhook channel.',
    optional: true,
    secret: true,
    parse: parsers.secret(32),
  }),
  notifySmtpUrl: variable({
    name: 'NOTIFY_SMTP_URL',
    description: 'SMTP server for e-mail (smtp:// or smtps://, credentials in the URL). Unset: no e-mail channel.',
    optional: true,
    secret: true,
    parse: parsers.url(['smtp:', 'smtps:']),
  }),
  notifyMailFrom: variable({
    name: 'NOTIFY_MAIL_FROM',
    description: 'From address of the e-mails the services send.',
    default: 'pages@localhost',
    parse: parsers.text,
  }),
  notifyPagerDutyEventsUrl: variable({
    name: 'NOTIFY_PAGERDUTY_EVENTS_URL',
    description: 'PagerDuty Events API v2 base URL (https://events.pagerduty.com). Unset: no PagerDuty channel.',
    optional: true,
    parse: parsers.url(['http:', 'https:']),
  }),
  publicBaseUrl: variable({
    name: 'PUBLIC_BASE_URL',
    description: 'URL people reach this service at, used in links sent in messages. Unset: http://HTTP_HOST:port.',
    optional: true,
    parse: parsers.url(['http:', 'https:']),
  }),
  intakeRateLimitPerMinute: variable({
    name: 'INTAKE_RATE_LIMIT_PER_MINUTE',
    description: 'Requests per minute each integration key may send to the intake before it answers 429.',
    default: '6000',
    parse: parsers.integer(1, 10_000_000),
  }),
  intakeReopenWindowMinutes: variable({
    name: 'INTAKE_REOPEN_WINDOW_MINUTES',
    description:
      'A firing alert this many minutes or fewer after its incident resolved reopens it; later, it opens a new one.',
    default: '30',
    parse: parsers.integer(0, 525_600),
  }),
  logLevel: variable({
    name: 'LOG_LEVEL',
    description: `Minimum log level: ${LOG_LEVELS.join(', ')}.`,
    default: 'info',
    parse: parsers.oneOf(LOG_LEVELS),
  }),
  shutdownTimeoutMs: variable({
    name: 'SHUTDOWN_TIMEOUT_MS',
    description: 'How long a service may take to close connections after SIGTERM before it exits anyway.',
    default: '8000',
    parse: parsers.integer(100, 120_000),
  }),
  healthCheckTimeoutMs: variable({
    name: 'HEALTH_CHECK_TIMEOUT_MS',
    description:
      'Per-dependency timeout of the readiness check (PostgreSQL, Kafka, EventStoreDB when EVENTSTORE_URL is set).',
    default: '2000',
    parse: parsers.integer(100, 60_000),
  }),
} satisfies Record<string, Variable<unknown>>;

/** The per-service port variables (QUERY_PORT, INTAKE_PORT, …); each service reads only its own. */
export const PORT_VARIABLES: readonly Variable<number>[] = SERVICE_NAMES.map((name) =>
  variable({
    name: portVariable(name),
    description: `HTTP port of the ${name} service.`,
    parse: parsers.integer(1, 65_535),
  }),
);

export function allVariableNames(): string[] {
  return [...Object.values(PLATFORM_VARIABLES).map((spec) => spec.name), ...PORT_VARIABLES.map((spec) => spec.name)];
}
