import { createEventStore, parseSigningKey, type EventStore } from '@incident/event-store';
import { auditAnchorsTopicSpec, ensureTopics } from '@incident/messaging';
import type { PlatformConfig } from '@incident/platform';
import { Kafka, logLevel } from 'kafkajs';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { retryUntilDone } from '../core/retry';
import { Anchorer } from './anchorer';
import { AnchorerMetrics } from './anchorer-metrics';
import { fileWitness, httpWitness, type Witness } from './witnesses';

export type AnchorerConfig = Pick<
  PlatformConfig,
  | 'databaseUrl'
  | 'eventStoreUrl'
  | 'kafkaBrokers'
  | 'kafkaTopicPrefix'
  | 'relayBatchSize'
  | 'relayLockPollMs'
  | 'auditSigningKey'
  | 'auditAnchorIntervalMs'
  | 'auditWitnessFile'
  | 'auditWitnessUrl'
>;

/**
 * The anchorer as the relay app runs it, beside the relay: its own store connection, Kafka client and lock, so
 * that anchoring neither waits for nor holds up publication. Without AUDIT_SIGNING_KEY it does nothing.
 */
export class AnchorerRuntime {
  private readonly stopping = new AbortController();
  private anchorer: Anchorer | undefined;
  private store: EventStore | undefined;
  private booting: Promise<void> | undefined;
  private readonly metrics: AnchorerMetrics;

  constructor(
    private readonly config: AnchorerConfig,
    private readonly logger: Logger,
    registry: Registry,
  ) {
    this.metrics = new AnchorerMetrics(registry);
  }

  start(): void {
    if (!this.config.auditSigningKey) {
      this.logger.warn('anchorer: AUDIT_SIGNING_KEY is not set; no audit anchors are signed (docs/audit.md)');
      return;
    }
    this.booting ??= this.boot(this.config.auditSigningKey).catch((error: unknown) =>
      this.logger.fatal({ err: error }, 'anchorer: failed to start'),
    );
  }

  async stop(budgetMs: number): Promise<void> {
    this.stopping.abort();
    await this.booting;
    await this.anchorer?.stop(budgetMs);
    await this.store?.close().catch(() => undefined);
  }

  private async boot(signingKey: string): Promise<void> {
    const { config, logger } = this;
    const key = parseSigningKey(signingKey);
    const store = await retryUntilDone(
      'opening the event store for the anchorer',
      () => createEventStore({ eventStoreUrl: config.eventStoreUrl, databaseUrl: config.databaseUrl }),
      { signal: this.stopping.signal, logger, intervalMs: 2_000 },
    );
    if (!store) return;
    this.store = store;
    const kafka = new Kafka({ clientId: 'anchorer', brokers: config.kafkaBrokers, logLevel: logLevel.NOTHING });
    const spec = auditAnchorsTopicSpec(config.kafkaTopicPrefix);
    const witnesses: Witness[] = [
      ...(config.auditWitnessFile ? [fileWitness(config.auditWitnessFile)] : []),
      ...(config.auditWitnessUrl ? [httpWitness(config.auditWitnessUrl)] : []),
    ];
    this.anchorer = new Anchorer({
      topic: spec.topic,
      connectionString: config.databaseUrl,
      store,
      kafka,
      key,
      intervalMs: config.auditAnchorIntervalMs,
      lockPollMs: config.relayLockPollMs,
      batchSize: config.relayBatchSize,
      witnesses,
      metrics: this.metrics,
      logger,
      prepare: async () => {
        const admin = kafka.admin();
        await admin.connect();
        try {
          await ensureTopics(admin, [spec]);
        } finally {
          await admin.disconnect().catch(() => undefined);
        }
      },
    });
    this.anchorer.start();
  }
}
