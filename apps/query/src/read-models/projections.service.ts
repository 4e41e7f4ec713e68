import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EVENT_STORE, type HashChainedEventStore } from '@incident/event-store';
import {
  METRICS_REGISTRY,
  PINO_LOGGER,
  PLATFORM_CONFIG,
  type PlatformConfig,
  type PlatformMetrics,
} from '@incident/platform';
import { ListeningWakeUp, PollingWakeUp, PROJECTIONS, ProjectionDaemon } from '@incident/read-models';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';

/**
 * Runs every projection inside the query service. Started after the app is built and not awaited: readiness
 * means "serving", and a long catch-up (after a rebuild, say) must not keep the dashboard API down. Stopped
 * before the data source closes, letting the batch in hand commit or roll back whole.
 */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private daemon: ProjectionDaemon | undefined;
  private readonly events: Counter<'projection'>;
  private readonly failures: Counter<'projection'>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: HashChainedEventStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    @Inject(METRICS_REGISTRY) metrics: PlatformMetrics,
  ) {
    this.events = new Counter({
      name: 'read_model_projection_events_total',
      help: 'Events of the global log read and committed by each projection.',
      labelNames: ['projection'],
      registers: [metrics.registry],
    });
    this.failures = new Counter({
      name: 'read_model_projection_failures_total',
      help: 'Batches a projection failed to apply (retried with backoff).',
      labelNames: ['projection'],
      registers: [metrics.registry],
    });
  }

  onApplicationBootstrap(): void {
    // NOTIFY exists only on the PostgreSQL store; with EventStoreDB the runners poll.
    const wakeUp = this.config.eventStoreUrl ? new PollingWakeUp() : new ListeningWakeUp(this.config.databaseUrl);
    this.daemon = new ProjectionDaemon(this.dataSource, this.store, PROJECTIONS, {
      batchSize: this.config.projectionBatchSize,
      idlePollMs: this.config.projectionIdlePollMs,
      wakeUp,
      onStep: (report) => {
        for (const [projection, events] of report.applied) this.events.inc({ projection }, events);
      },
      onError: (projection, error) => {
        this.failures.inc({ projection });
        this.logger.error({ err: error, projection }, 'projection batch failed; retrying with backoff');
      },
    });
    this.daemon.start();
    this.logger.info({ projections: PROJECTIONS.map((p) => p.name) }, 'projections following the event store');
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.daemon?.stop();
  }
}
