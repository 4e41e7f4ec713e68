import { type DynamicModule, Module } from '@nestjs/common';
import { EventStoreModule } from '@incident/event-store';
import { AlertmanagerController } from './alertmanager/alertmanager.controller';
import { ChangesController } from './changes/changes.controller';
import { CHANGES_PROVIDERS } from './changes/changes.providers';
import { GenericAlertController } from './generic/generic-alert.controller';
import { EnqueueFastPath } from './http/enqueue-fast-path';
import { JsonBodyParser } from './http/json-body-parser';
import { AlertsInboundRunner } from './kafka/alerts-inbound.provider';
import { INTAKE_CLOCK, INTAKE_PROVIDERS, type IntakeClock } from './intake.providers';
import { IntegrationsController } from './integrations/integrations.controller';
import { PagerDutyController } from './pagerduty/pagerduty.controller';
import { TicketsController } from './tickets/tickets.controller';

/** The intake service: alert and ticket endpoints, integration keys, dedup and grouping through the store. */
@Module({
  imports: [EventStoreModule.forRoot()],
  controllers: [
    IntegrationsController,
    PagerDutyController,
    AlertmanagerController,
    GenericAlertController,
    TicketsController,
    ChangesController,
  ],
  // The fast path first: it installs its middleware ahead of JsonBodyParser's (see enqueue-fast-path.ts).
  providers: [EnqueueFastPath, JsonBodyParser, ...INTAKE_PROVIDERS, ...CHANGES_PROVIDERS, AlertsInboundRunner],
})
export class IntakeModule {
  /** The same module on another clock: tests walk through the reopen window with it. */
  static withClock(clock: IntakeClock): DynamicModule {
    return { module: IntakeModule, providers: [{ provide: INTAKE_CLOCK, useValue: clock }] };
  }
}
