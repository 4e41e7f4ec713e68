import { type ServiceName, portVariable, serviceDescriptor } from '../services';
import { PLATFORM_VARIABLES, PORT_VARIABLES, type LogLevel } from './config-schema';
import type { Variable } from './variable';

export interface PlatformConfig {
  readonly service: ServiceName;
  readonly port: number;
  readonly httpHost: string;
  readonly databaseUrl: string;
  readonly kafkaBrokers: string[];
  readonly eventStoreUrl: string | undefined;
  readonly authJwtSecret: string;
  readonly authJwtIssuer: string;
  readonly kafkaPartitionsIncidentEvents: number;
  readonly kafkaPartitionsAlertsInbound: number;
  readonly kafkaPartitionsDeadLetters: number;
  readonly kafkaTopicPrefix: string;
  readonly relayBatchSize: number;
  readonly relayLockPollMs: number;
  readonly relayIdlePollMs: number;
  readonly projectionBatchSize: number;
  readonly projectionIdlePollMs: number;
  readonly directoryPollMs: number;
  readonly notifyLinkSecret: string | undefined;
  readonly notifyWebhookSecret: string | undefined;
  readonly notifySmtpUrl: string | undefined;
  readonly notifyMailFrom: string;
  readonly notifyPagerDutyEventsUrl: string | undefined;
  readonly publicBaseUrl: string | undefined;
  readonly intakeRateLimitPerMinute: number;
  readonly intakeReopenWindowMinutes: number;
  readonly auditSigningKey: string | undefined;
  readonly auditPublicKey: string | undefined;
  readonly auditAnchorIntervalMs: number;
  readonly auditWitnessFile: string | undefined;
  readonly auditWitnessUrl: string | undefined;
  readonly escalationTimerLeaseMs: number;
  readonly consoleSessionTtlMinutes: number;
  readonly consoleUpstreams: Readonly<Record<string, string>> | undefined;
  readonly consoleWebDir: string | undefined;
  readonly logLevel: LogLevel;
  readonly shutdownTimeoutMs: number;
  readonly healthCheckTimeoutMs: number;
}

/** Every problem found in the environment at once, so an operator fixes them in one go. */
export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: readonly string[],
  ) {
    super(
      `Invalid configuration for ${service} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((problem) => `  - ${problem}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

type Environment = Readonly<Record<string, string | undefined>>;

function read<T>(spec: Variable<T>, env: Environment, problems: string[]): T | undefined {
  const raw = env[spec.name]?.trim();
  const text = raw === undefined || raw === '' ? spec.default : raw;
  if (text === undefined) {
    if (!spec.optional) problems.push(`${spec.name} is missing: ${spec.description}`);
    return undefined;
  }
  try {
    return spec.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // A secret's value never goes into the message, only why it was refused.
    const shown = spec.secret ? '' : ` (value "${text}")`;
    problems.push(`${spec.name} ${reason}${shown}`);
    return undefined;
  }
}

export function loadConfig(service: ServiceName, env: Environment = process.env): PlatformConfig {
  const problems: string[] = [];
  const portSpec = PORT_VARIABLES.find((spec) => spec.name === portVariable(service));
  if (!portSpec) throw new Error(`no port variable for ${service}`);
  const port = read({ ...portSpec, default: String(serviceDescriptor(service).port) }, env, problems);
  const v = PLATFORM_VARIABLES;
  const config = {
    service,
    port,
    httpHost: read(v.httpHost, env, problems),
    databaseUrl: read(v.databaseUrl, env, problems),
    kafkaBrokers: read(v.kafkaBrokers, env, problems),
    eventStoreUrl: read(v.eventStoreUrl, env, problems),
    authJwtSecret: read(v.authJwtSecret, env, problems),
    authJwtIssuer: read(v.authJwtIssuer, env, problems),
    kafkaPartitionsIncidentEvents: read(v.kafkaPartitionsIncidentEvents, env, problems),
    kafkaPartitionsAlertsInbound: read(v.kafkaPartitionsAlertsInbound, env, problems),
    kafkaPartitionsDeadLetters: read(v.kafkaPartitionsDeadLetters, env, problems),
    kafkaTopicPrefix: read(v.kafkaTopicPrefix, env, problems),
    relayBatchSize: read(v.relayBatchSize, env, problems),
    relayLockPollMs: read(v.relayLockPollMs, env, problems),
    relayIdlePollMs: read(v.relayIdlePollMs, env, problems),
    projectionBatchSize: read(v.projectionBatchSize, env, problems),
    projectionIdlePollMs: read(v.projectionIdlePollMs, env, problems),
    directoryPollMs: read(v.directoryPollMs, env, problems),
    notifyLinkSecret: read(v.notifyLinkSecret, env, problems),
    notifyWebhookSecret: read(v.notifyWebhookSecret, env, problems),
    notifySmtpUrl: read(v.notifySmtpUrl, env, problems),
    notifyMailFrom: read(v.notifyMailFrom, env, problems),
    notifyPagerDutyEventsUrl: read(v.notifyPagerDutyEventsUrl, env, problems),
    publicBaseUrl: read(v.publicBaseUrl, env, problems),
    intakeRateLimitPerMinute: read(v.intakeRateLimitPerMinute, env, problems),
    intakeReopenWindowMinutes: read(v.intakeReopenWindowMinutes, env, problems),
    auditSigningKey: read(v.auditSigningKey, env, problems),
    auditPublicKey: read(v.auditPublicKey, env, problems),
    auditAnchorIntervalMs: read(v.auditAnchorIntervalMs, env, problems),
    auditWitnessFile: read(v.auditWitnessFile, env, problems),
    auditWitnessUrl: read(v.auditWitnessUrl, env, problems),
    escalationTimerLeaseMs: read(v.escalationTimerLeaseMs, env, problems),
    consoleSessionTtlMinutes: read(v.consoleSessionTtlMinutes, env, problems),
    consoleUpstreams: read(v.consoleUpstreams, env, problems),
    consoleWebDir: read(v.consoleWebDir, env, problems),
    logLevel: read(v.logLevel, env, problems),
    shutdownTimeoutMs: read(v.shutdownTimeoutMs, env, problems),
    healthCheckTimeoutMs: read(v.healthCheckTimeoutMs, env, problems),
  };
  if (problems.length > 0) throw new ConfigError(service, problems);
  return config as PlatformConfig;
}
