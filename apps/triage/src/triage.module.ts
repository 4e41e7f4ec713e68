import { type INestApplication, Module } from '@nestjs/common';
import { EventStoreModule } from '@incident/event-store';
import { connectIncidentEvents, type IncidentEventsTransport } from '@incident/messaging';
import { PLATFORM_CONFIG } from '@incident/platform';
import { TriageController } from './http/triage.controller';
import { IncidentEventsHandler } from './incident-events.handler';
import { TRIAGE_CONFIG, type TriageConfig, triageConfig } from './triage.config';

/** Wiring only: the event store and its command handler, triage's settings, its two edges. */
@Module({
  imports: [EventStoreModule.forRoot()],
  controllers: [IncidentEventsHandler, TriageController],
  providers: [{ provide: TRIAGE_CONFIG, inject: [PLATFORM_CONFIG], useFactory: triageConfig }],
})
export class TriageModule {}

/** Connects `incident.events` to the app in triage's consumer group; main.ts passes it to bootstrapService. */
export function connectTriageEvents(app: INestApplication): IncidentEventsTransport {
  return connectIncidentEvents(app, { groupId: app.get<TriageConfig>(TRIAGE_CONFIG).consumerGroup });
}
