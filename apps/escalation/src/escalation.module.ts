import { type INestApplication, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { DirectoryModule } from '@incident/directory';
import { EventStoreModule } from '@incident/event-store';
import { connectIncidentEvents, type IncidentEventsTransport } from '@incident/messaging';
import type { PlatformConfig, PlatformMetrics } from '@incident/platform';
import { METRICS_REGISTRY, PINO_LOGGER, PLATFORM_CONFIG } from '@incident/platform';
import { NotifyModule } from '@incident/notify';
import { SchedulerModule } from '@incident/scheduler';
import { ESCALATION_CONFIG, type EscalationConfig, escalationConfig } from './escalation.config';
import { LinksController } from './http/links.controller';
import { OnCallModule } from './oncall/on-call.module';
import { ResponderController } from './http/responder.controller';
import { IncidentEventsHandler } from './incident-events.handler';
import { IncidentFacts } from './incident-facts';
import { EscalationEngine } from './paging/escalation-engine';
import { PageDelivery } from './paging/page-delivery';
import { SlaClocks } from './sla/sla-clocks';
import { EscalationTimers } from './timers/escalation-timers';

/** Wiring only: the store and its command handler, the directory, on call, escalation's timers, channels and edges. */
@Module({
  imports: [
    EventStoreModule.forRoot(),
    DirectoryModule,
    NotifyModule,
    OnCallModule,
    SchedulerModule.forRoot({
      inject: [PLATFORM_CONFIG, METRICS_REGISTRY, PINO_LOGGER],
      useFactory: (config: PlatformConfig, metrics: PlatformMetrics, logger: Logger) => ({
        queue: escalationConfig(config).timerQueue,
        connectionString: config.databaseUrl,
        registry: metrics.registry,
        logger,
        // A firing delivers its level's pages (with retries and fallback) before it settles: the lease covers it.
        concurrency: 32,
        leaseMs: config.escalationTimerLeaseMs,
      }),
    }),
  ],
  controllers: [IncidentEventsHandler, ResponderController, LinksController],
  providers: [
    { provide: ESCALATION_CONFIG, inject: [PLATFORM_CONFIG], useFactory: escalationConfig },
    IncidentFacts,
    PageDelivery,
    EscalationEngine,
    SlaClocks,
    EscalationTimers,
  ],
})
export class EscalationModule {}

/** Connects `incident.events` to the app in escalation's consumer group; main.ts passes it to bootstrapService. */
export function connectEscalationEvents(app: INestApplication): IncidentEventsTransport {
  return connectIncidentEvents(app, { groupId: app.get<EscalationConfig>(ESCALATION_CONFIG).consumerGroup });
}
