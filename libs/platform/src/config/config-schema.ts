import { createPrivateKey, createPublicKey } from 'node:crypto';
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

/** `name=url` pairs, comma-separated; the names are checked against the service catalogue by the console. */
function upstreamList(raw: string): Readonly<Record<string, string>> {
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const pairs = entries.map((entry) => {
    const at = entry.indexOf('=');
    const name = entry.slice(0, at).trim();
    const url = entry.slice(at + 1).trim();
    if (at <= 0 || !/^[a-z]+$/.test(name) || !/^https?:\/\/[^\s]+$/.test(url)) {
      throw new Error(`each entry must be name=http(s)://host:port, not "${entry}"`);
    }
    return [name, url.replace(/\/+$/, '')] as const;
  });
  return Object.fromEntries(pairs);
}

/** An Ed25519 key as one line of base64 DER (PKCS#8 private, SPKI public), checked now rather than at first use. */
function ed25519Key(kind: 'private' | 'public') {
  return (raw: string): string => {
    let type: string | undefined;
    try {
      const key = Buffer.from(raw, 'base64');
      type = (
        kind === 'private'
          ? createPrivateKey({ key, format: 'der', type: 'pkcs8' })
          : createPublicKey({ key, format: 'der', type: 'spki' })
      ).asymmetricKeyType;
    } catch {
      throw new Error(`must be an Ed25519 ${kind} key as base64 ${kind === 'private' ? 'PKCS#8' : 'SPKI'} DER`);
    }
    if (type !== 'ed25519') throw new Error(`must be an Ed25519 key, not ${type}`);
    return raw;
  };
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
  auditSigningKey: variable({
    name: 'AUDIT_SIGNING_KEY',
    description:
      'Ed25519 private key (base64 PKCS#8 DER) that signs audit anchors; the relay anchors only when it is set. Verifiers use its public half unless AUDIT_PUBLIC_KEY is set.',
    optional: true,
    secret: true,
    parse: ed25519Key('private'),
  }),
  auditPublicKey: variable({
    name: 'AUDIT_PUBLIC_KEY',
    description:
      'Ed25519 public key (base64 SPKI DER) that audit anchors are verified with, for services that must not hold the signing key.',
    optional: true,
    parse: ed25519Key('public'),
  }),
  auditAnchorIntervalMs: variable({
    name: 'AUDIT_ANCHOR_INTERVAL_MS',
    description: 'How often the anchorer signs the heads of the streams that changed since its last anchor.',
    default: '10000',
    parse: parsers.integer(100, 3_600_000),
  }),
  auditWitnessFile: variable({
    name: 'AUDIT_WITNESS_FILE',
    description: 'A file the anchorer also appends every anchor to, one JSON line each (an append-only witness).',
    optional: true,
    parse: parsers.text,
  }),
  auditWitnessUrl: variable({
    name: 'AUDIT_WITNESS_URL',
    description: 'An HTTP witness the anchorer also POSTs every anchor to (JSON); failures are logged and retried.',
    optional: true,
    parse: parsers.url(['http:', 'https:']),
  }),
  // Issue 15, escalation.
  escalationTimerLeaseMs: variable({
    name: 'ESCALATION_TIMER_LEASE_MS',
    description:
      'How long an escalation replica holds a due level or SLA timer while it pages: a replica that dies holding one delays it this long.',
    default: '15000',
    parse: parsers.integer(1_000, 600_000),
  }),
  // Issue 19, the web console.
  consoleSessionTtlMinutes: variable({
    name: 'CONSOLE_SESSION_TTL_MINUTES',
    description: 'How long a console session (the cookie a sign-in link sets) lasts before signing in again.',
    default: '720',
    parse: parsers.integer(1, 43_200),
  }),
  consoleUpstreams: variable({
    name: 'CONSOLE_UPSTREAMS',
    description:
      'Where the console forwards /api calls, as name=url pairs (query=http://10.0.0.5:3000,...). Unset services: http://127.0.0.1:<NAME_PORT or its default>.',
    optional: true,
    parse: upstreamList,
  }),
  consoleWebDir: variable({
    name: 'CONSOLE_WEB_DIR',
    description: 'Folder of the built console pages the console serves. Unset: apps/console-web/dist in the checkout.',
    optional: true,
    parse: parsers.text,
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
