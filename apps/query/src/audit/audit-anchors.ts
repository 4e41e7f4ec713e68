import {
  Inject,
  Injectable,
  ServiceUnavailableException,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import {
  auditAnchors,
  parseSigningKey,
  parseVerifyKey,
  type AnchorAudit,
  type AuditVerifyKey,
} from '@incident/event-store';
import { AnchorLog, auditAnchorsTopicSpec, ensureTopics } from '@incident/messaging';
import { PINO_LOGGER, PLATFORM_CONFIG, type PlatformConfig } from '@incident/platform';
import { Kafka, logLevel } from 'kafkajs';
import type { Logger } from 'pino';

/** How long a request waits for the newest anchors before it answers 503. */
const READ_TIMEOUT_MS = 15_000;

/**
 * `audit.anchors` as the query service sees it: followed from its first record by a consumer of its own and
 * kept in memory, and checked (chain, signatures, roots) again for each verdict, with the key from
 * AUDIT_PUBLIC_KEY, else the public half of AUDIT_SIGNING_KEY. Every verdict first reads up to the topic's
 * current end, so it never misses an anchor published before the request.
 */
@Injectable()
export class AuditAnchors implements OnModuleInit, OnApplicationShutdown {
  readonly key: AuditVerifyKey | undefined;
  private readonly kafka: Kafka;
  private readonly prefix: string;
  private readonly topic: string;
  private log: AnchorLog | undefined;
  private opening: Promise<AnchorLog> | undefined;

  constructor(
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {
    this.key = config.auditPublicKey
      ? parseVerifyKey(config.auditPublicKey)
      : config.auditSigningKey
        ? parseSigningKey(config.auditSigningKey).verifyKey
        : undefined;
    this.kafka = new Kafka({
      clientId: 'query-audit-anchors',
      brokers: config.kafkaBrokers,
      logLevel: logLevel.NOTHING,
    });
    this.prefix = config.kafkaTopicPrefix;
    this.topic = auditAnchorsTopicSpec(config.kafkaTopicPrefix).topic;
  }

  onModuleInit(): void {
    // In the background: the API answers at once, and a broker not up yet only delays anchored verdicts.
    if (this.key) void this.opened().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    // A log still opening would be left connected, and keep the process (or a test run) alive.
    await this.opening?.catch(() => undefined);
    await this.log?.close();
  }

  /** The anchors read up to now and checked against the trusted key; 503 when there is no key or no broker. */
  async audit(): Promise<{ audit: AnchorAudit; key: AuditVerifyKey; anchors: AnchorLog['anchors'] }> {
    const key = this.key;
    if (!key) {
      throw new ServiceUnavailableException(
        'anchored verification needs AUDIT_PUBLIC_KEY (or AUDIT_SIGNING_KEY) on the query service',
      );
    }
    try {
      const log = await this.opened();
      await log.upToDate(READ_TIMEOUT_MS);
      return { audit: auditAnchors(log.anchors, log.unreadable, key), key, anchors: log.anchors };
    } catch (error) {
      this.logger.warn({ err: error }, 'audit anchors: cannot read the topic');
      throw new ServiceUnavailableException(`cannot read ${this.topic} right now: ${(error as Error).message}`);
    }
  }

  private opened(): Promise<AnchorLog> {
    this.opening ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      try {
        await ensureTopics(admin, [auditAnchorsTopicSpec(this.prefix)]);
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
      const log = new AnchorLog({ kafka: this.kafka, topic: this.topic });
      await log.start();
      this.log = log;
      return log;
    })().catch((error: unknown) => {
      // The next request tries again.
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }
}
