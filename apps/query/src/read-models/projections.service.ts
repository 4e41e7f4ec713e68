import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EVENT_STORE, type HashChainedEventStore } from '@incident/event-store';
import {
  BackgroundLoops,
  METRICS_REGISTRY,
  PINO_LOGGER,
  PLATFORM_CONFIG,
  type PlatformConfig,
  type PlatformMetrics,
} from '@incident/platform';
import { PROJECTIONS, ProjectionRunner } from '@incident/read-models';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';

/**
 * Runs every projection inside the query service, as one of the platform's background loops: not awaited at
 * start-up (readiness means "serving", and a long catch-up after a rebuild must not keep the dashboard API
 * down), and stopped before the data source closes, letting the batch in hand commit or roll back whole.
 */
@Injectable()
export class ProjectionsService {
  private readonly events: Counter<'projection'>;
  private readonly failures: Counter<'projection'>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: HashChainedEventStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    @Inject(METRICS_REGISTRY) metrics: PlatformMetrics,
    @Inject(BackgroundLoops) loops: BackgroundLoops,
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
    loops.register({ name: 'projections', run: (signal) => this.follow(signal) });
  }

  private async follow(signal: AbortSignal): Promise<void> {
    // LISTEN/NOTIFY on the PostgreSQL store, a live subscription on EventStoreDB; polling is the fallback.
    const wakeUp = this.store.wakeUp();
    const runner = new ProjectionRunner(this.dataSource, this.store, PROJECTIONS, {
      batchSize: this.config.projectionBatchSize,
      idlePollMs: this.config.projectionIdlePollMs,
      wakeUp,
      onApplied: (projection, events) => this.events.inc({ projection }, events),
      onError: (projection, error) => {
        this.failures.inc({ projection });
        this.logger.error({ err: error, projection }, 'projection batch failed; retrying with backoff');
      },
    });
    this.logger.info({ projections: PROJECTIONS.map((p) => p.name) }, 'projections following the event store');
    try {
      await runner.follow(signal);
    } finally {
      await wakeUp.close();
    }
  }
}
