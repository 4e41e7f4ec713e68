import { createEventStore, EVENTS_CHANNEL, finishesWithin, type EventStore } from '@incident/event-store';
import type { PlatformConfig } from '@incident/platform';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { checkpointLagProbe } from './core/lag-probe';
import { Relay } from './core/relay';
import { RelayMetrics, type LagProbe } from './core/relay-metrics';
import { createPlatformTopics, incidentEventsTopic } from './core/relay-topics';
import { retryUntilDone } from './core/retry';

export type RelayConfig = Pick<
  PlatformConfig,
  | 'databaseUrl'
  | 'eventStoreUrl'
  | 'kafkaBrokers'
  | 'kafkaTopicPrefix'
  | 'kafkaPartitionsIncidentEvents'
  | 'kafkaPartitionsAlertsInbound'
  | 'kafkaPartitionsDeadLetters'
  | 'relayBatchSize'
  | 'relayLockPollMs'
  | 'relayIdlePollMs'
  | 'healthCheckTimeoutMs'
>;

/** kafkajs logs through the service's pino logger, warnings and errors only (retries are logged by us). */
function createKafka(config: RelayConfig, logger: Logger): Kafka {
  return new Kafka({
    clientId: 'relay',
    brokers: config.kafkaBrokers,
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => {
      const { message, timestamp: _timestamp, logger: _logger, ...details } = entry.log;
      const level = entry.level <= logLevel.ERROR ? 'error' : 'warn';
      logger[level]({ kafkajs: entry.namespace, ...details }, message);
    },
  });
}

/**
 * Everything the relay process runs, assembled from configuration, without Nest: the event store (opened in
 * the background, retried until reachable, so the HTTP side answers at once), the relay itself, and its
 * metrics. start() returns immediately; stop() closes it all.
 */
export class RelayRuntime {
  private readonly stopping = new AbortController();
  /** One connection for the lag probe's read of the checkpoint row (the store answers for its head). */
  private readonly pool: Pool;
  private readonly metrics: RelayMetrics;
  private readonly name: string;
  private lagProbe: LagProbe | undefined;
  private store: EventStore | undefined;
  private relay: Relay | undefined;
  private booting: Promise<void> | undefined;

  constructor(
    private readonly config: RelayConfig,
    private readonly logger: Logger,
    registry: Registry,
  ) {
    this.pool = new Pool({
      connectionString: config.databaseUrl,
      max: 1,
      application_name: 'relay-metrics',
      connectionTimeoutMillis: config.healthCheckTimeoutMs,
    });
    this.pool.on('error', () => undefined);
    this.metrics = new RelayMetrics(registry, async () => this.lagProbe?.());
    this.name = incidentEventsTopic(config.kafkaTopicPrefix);
  }

  start(): void {
    this.booting ??= this.boot().catch((error: unknown) => this.logger.fatal({ err: error }, 'relay: failed to start'));
  }

  /** Stops publishing and closes every connection; gives the relay `budgetMs` to finish the page in hand. */
  async stop(budgetMs: number): Promise<void> {
    this.stopping.abort();
    if (this.booting) await finishesWithin(this.booting, budgetMs);
    await this.relay?.stop(budgetMs);
    await Promise.allSettled([this.store?.close(), this.pool.end()]);
  }

  private async boot(): Promise<void> {
    const { config, logger } = this;
    const signal = this.stopping.signal;
    const store = await retryUntilDone(
      'opening the event store',
      () => createEventStore({ eventStoreUrl: config.eventStoreUrl, databaseUrl: config.databaseUrl }),
      { signal, logger, intervalMs: 2_000 },
    );
    if (!store) return;
    this.store = store;
    this.lagProbe = checkpointLagProbe({ pool: this.pool, name: this.name, store });
    const kafka = createKafka(config, logger);
    const partitions = {
      incidentEvents: config.kafkaPartitionsIncidentEvents,
      alertsInbound: config.kafkaPartitionsAlertsInbound,
      deadLetters: config.kafkaPartitionsDeadLetters,
    };
    this.relay = new Relay({
      name: this.name,
      topic: this.name,
      connectionString: config.databaseUrl,
      store,
      kafka,
      batchSize: config.relayBatchSize,
      lockPollMs: config.relayLockPollMs,
      idlePollMs: config.relayIdlePollMs,
      // The PostgreSQL store notifies on this channel at every append's commit; EventStoreDB has no such thing.
      notifyChannel: config.eventStoreUrl ? undefined : EVENTS_CHANNEL,
      prepare: async () => {
        const created = await createPlatformTopics(kafka, partitions, config.kafkaTopicPrefix);
        if (created.length > 0) logger.info({ topics: created }, 'relay: created topics');
      },
      metrics: this.metrics,
      logger,
    });
    this.relay.start();
  }
}
