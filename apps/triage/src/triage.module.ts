import { type INestApplication, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { DirectoryModule } from '@incident/directory';
import { EventStoreModule } from '@incident/event-store';
import { connectIncidentEvents, type IncidentEventsTransport } from '@incident/messaging';
import type { PlatformConfig, PlatformMetrics } from '@incident/platform';
import { METRICS_REGISTRY, PINO_LOGGER, PLATFORM_CONFIG } from '@incident/platform';
import { SchedulerModule } from '@incident/scheduler';
import { DrillsController } from './http/drills.controller';
import { TriageRulesController } from './http/triage-rules.controller';
import { TriageController } from './http/triage.controller';
import { IncidentEventsHandler } from './incident-events.handler';
import { IncidentFacts } from './incident-facts';
import { ServiceChanges } from './service-changes';
import { TriageTimers } from './timers/triage-timers';
import { TRIAGE_CONFIG, type TriageConfig, triageConfig } from './triage.config';
import { TriageRuleSetSource } from './triage-rule-set.source';
import { WhatIfController } from './whatif/whatif.controller';

/**
 * Wiring only: the event store and its command handler, the directory and the rule set in force (both polled),
 * triage's timers and settings, its edges.
 */
@Module({
  imports: [
    EventStoreModule.forRoot(),
    DirectoryModule,
    SchedulerModule.forRoot({
      inject: [PLATFORM_CONFIG, METRICS_REGISTRY, PINO_LOGGER],
      useFactory: (config: PlatformConfig, metrics: PlatformMetrics, logger: Logger) => ({
        queue: triageConfig(config).timerQueue,
        connectionString: config.databaseUrl,
        registry: metrics.registry,
        logger,
      }),
    }),
  ],
  controllers: [IncidentEventsHandler, TriageController, TriageRulesController, DrillsController, WhatIfController],
  providers: [
    { provide: TRIAGE_CONFIG, inject: [PLATFORM_CONFIG], useFactory: triageConfig },
    IncidentFacts,
    ServiceChanges,
    TriageTimers,
    TriageRuleSetSource,
  ],
})
export class TriageModule {}

/** Connects `incident.events` to the app in triage's consumer group; main.ts passes it to bootstrapService. */
export function connectTriageEvents(app: INestApplication): IncidentEventsTransport {
  return connectIncidentEvents(app, { groupId: app.get<TriageConfig>(TRIAGE_CONFIG).consumerGroup });
}
