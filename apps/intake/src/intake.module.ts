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
/**
 * One group-commit statement in flight rather than the default two: intake's appends come in storms, where larger
 * batches cost PostgreSQL and intake less per alert than two smaller ones overlapping (bench:intake, duplicates,
 * alternating runs at load ~3: 4,772 and 4,531 alerts/s, 70 and 72 µs of PostgreSQL per alert, against 4,013 and
 * 3,300, 99 and 83 µs; all new alerts about the same either way).
 */
const INTAKE_APPENDS_IN_FLIGHT = 1;

/**
 * After a large batch, a tiny one waits up to 2 ms for the alerts on their way back (GroupCommit.heldBack): under a
 * storm, intake's callers otherwise settle into a large and a tiny cohort, the tiny one a whole statement per cycle.
 */
const INTAKE_APPEND_GATHER_MS = 2;

@Module({
  imports: [
    EventStoreModule.forRoot({ maxAppendsInFlight: INTAKE_APPENDS_IN_FLIGHT, appendGatherMs: INTAKE_APPEND_GATHER_MS }),
  ],
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
