import { type INestApplication, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { DirectoryModule } from '@incident/directory';
import { EventStoreModule } from '@incident/event-store';
import { connectIncidentEvents, type IncidentEventsTransport } from '@incident/messaging';
import { NotifyModule } from '@incident/notify';
import type { PlatformConfig, PlatformMetrics } from '@incident/platform';
import { METRICS_REGISTRY, PINO_LOGGER, PLATFORM_CONFIG } from '@incident/platform';
import { SchedulerModule } from '@incident/scheduler';
import { ApprovalRequests } from './execution/approval-requests';
import { ContainmentRunner } from './execution/containment-runner';
import { CustomerNotices } from './execution/customer-notices';
import { RemediationRunner } from './execution/remediation-runner';
import { StepSequencer } from './execution/step-sequencer';
import { ResponseTeamPager } from './execution/response-team-pager';
import { TriageResponse } from './execution/triage-response';
import { ExecutorCallbacksController } from './http/executor-callbacks.controller';
import { keepRawBody } from './http/raw-body.middleware';
import { LinksController } from './http/links.controller';
import { RemediationApprovalsController } from './http/remediation-approvals.controller';
import { ResponderController } from './http/responder.controller';
import { ResponderStepsController } from './http/responder-steps.controller';
import { TimeController } from './http/time.controller';
import { HoursLedger } from './hours/hours-ledger';
import { IncidentEventsHandler } from './incident-events.handler';
import { CommunicationEventsHandler } from './communication-events.handler';
import { HoursOverrunNotice } from './execution/hours-overrun-notice';
import { UpdateReminders } from './execution/update-reminders';
import { CallbackDeadlineTimers } from './timers/callback-deadline-timers';
import { RemediationTimers } from './timers/remediation-timers';
import { UpdateCadenceTimers } from './timers/update-cadence-timers';
import { IncidentFacts } from './incident-facts';
import {
  EXECUTOR_CALLBACK_PATH,
  REMEDIATION_CONFIG,
  type RemediationConfig,
  remediationConfig,
} from './remediation.config';
import { RunbookSetSource } from './runbook-set.source';
import { ApprovalTimers } from './timers/approval-timers';

/**
 * Wiring only: the store and its command handler, the directory, the notify channels and signed links, the
 * timers (approval reminder and expiry, customer-update reminders), the runbooks in force and their executors, and the service's edges.
 */
@Module({
  imports: [
    EventStoreModule.forRoot(),
    DirectoryModule,
    NotifyModule,
    SchedulerModule.forRoot({
      inject: [PLATFORM_CONFIG, METRICS_REGISTRY, PINO_LOGGER],
      useFactory: (config: PlatformConfig, metrics: PlatformMetrics, logger: Logger) => ({
        queue: remediationConfig(config).timerQueue,
        connectionString: config.databaseUrl,
        registry: metrics.registry,
        logger,
      }),
    }),
  ],
  controllers: [
    IncidentEventsHandler,
    CommunicationEventsHandler,
    RemediationApprovalsController,
    LinksController,
    TimeController,
    ExecutorCallbacksController,
    ResponderController,
    ResponderStepsController,
  ],
  providers: [
    { provide: REMEDIATION_CONFIG, inject: [PLATFORM_CONFIG], useFactory: remediationConfig },
    IncidentFacts,
    RunbookSetSource,
    RemediationRunner,
    StepSequencer,
    ContainmentRunner,
    TriageResponse,
    ApprovalRequests,
    ApprovalTimers,
    HoursLedger,
    ResponseTeamPager,
    CustomerNotices,
    UpdateReminders,
    UpdateCadenceTimers,
    RemediationTimers,
    CallbackDeadlineTimers,
    HoursOverrunNotice,
  ],
})
export class RemediationModule {}

/**
 * Connects `incident.events` to the app in remediation's consumer group; main.ts passes it to bootstrapService.
 * Also keeps the executor callbacks' body raw for their signature: this runs before the app initialises, which
 * is when the platform's JSON parser is installed, and a parser must come before it.
 */
export function connectRemediationEvents(app: INestApplication): IncidentEventsTransport {
  app.use(EXECUTOR_CALLBACK_PATH, keepRawBody);
  return connectIncidentEvents(app, { groupId: app.get<RemediationConfig>(REMEDIATION_CONFIG).consumerGroup });
}
