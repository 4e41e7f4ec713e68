import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { IncidentState } from '@incident/domain';
import {
  IncidentEventPattern,
  type IncidentEventTransportContext,
  type RecordedIncidentEvent,
} from '@incident/messaging';
import { Scheduler } from '@incident/scheduler';
import { IncidentFacts } from './incident-facts';
import { EscalationEngine } from './paging/escalation-engine';
import { SlaClocks } from './sla/sla-clocks';
import type { EscalationTimerPayload } from './timers/escalation-timer-payload';
import { type TimerWrites, timerWritesAtCommit } from './timers/timer-writes';

/**
 * Escalation's reactions to incident events: start the owning team's policy and the SLA clocks when an incident
 * is triaged or reopened, page the level asked for when someone asks for help, restart the clock between
 * customer updates when the customer hears from us, and stop both when the incident is acknowledged or its
 * response cycle ends. Everything later is a durable timer (timers/), written in the consumer's transaction
 * (timer-writes.ts). The incident is read once per event and handed to the engine and the clocks.
 */
@Controller()
export class IncidentEventsHandler {
  constructor(
    @Inject(EscalationEngine) private readonly engine: EscalationEngine,
    @Inject(SlaClocks) private readonly sla: SlaClocks,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(Scheduler) private readonly scheduler: Scheduler<EscalationTimerPayload>,
  ) {}

  @IncidentEventPattern('IncidentTriaged')
  async onTriaged(
    @Payload() event: RecordedIncidentEvent<'IncidentTriaged'>,
    @Ctx() ctx: IncidentEventTransportContext,
  ): Promise<void> {
    const { incidentId, triagedAt, maintenanceWindowId } = event.data;
    const incident = await this.incidents.now(incidentId);
    const { state } = incident;
    const timers = this.timers(ctx);
    // Triage names the maintenance window the alert fell in (issue 14): such an incident is not paged.
    await this.engine.start(state, triagedAt, maintenanceWindowId, timers);
    // The first cycle's clocks run from the opening (the customer waited from then); a later one from triage.
    const startedAt = state.status !== 'initial' && state.reopenCount === 0 ? state.openedAt : triagedAt;
    await this.sla.start(incident, startedAt, event.id, event.metadata.correlationId, timers);
  }

  @IncidentEventPattern('IncidentReopened')
  async onReopened(
    @Payload() event: RecordedIncidentEvent<'IncidentReopened'>,
    @Ctx() ctx: IncidentEventTransportContext,
  ): Promise<void> {
    const { incidentId, reopenedAt } = event.data;
    const incident = await this.incidents.now(incidentId);
    const timers = this.timers(ctx);
    await this.engine.start(incident.state, reopenedAt, null, timers);
    await this.sla.start(incident, reopenedAt, event.id, event.metadata.correlationId, timers);
  }

  // The engine's own escalations (timeouts) page as part of the step that made them.
  @IncidentEventPattern('IncidentEscalated', { when: (event) => event.data.reason === 'asked_for_help' })
  async onEscalated(
    @Payload() event: RecordedIncidentEvent<'IncidentEscalated'>,
    @Ctx() ctx: IncidentEventTransportContext,
  ): Promise<void> {
    const { incidentId, reason, toLevel, escalatedAt } = event.data;
    if (reason === 'asked_for_help') {
      await this.engine.askedForHelp(incidentId, event.id, toLevel, escalatedAt, this.timers(ctx));
    }
  }

  @IncidentEventPattern('IncidentAcknowledged')
  async onAcknowledged(
    @Payload() event: RecordedIncidentEvent<'IncidentAcknowledged'>,
    @Ctx() ctx: IncidentEventTransportContext,
  ): Promise<void> {
    const incident = await this.incidents.of(event.data.incidentId);
    const timers = this.timers(ctx);
    await this.engine.stop(incident, timers);
    await this.sla.stop(incident, timers, ['acknowledgement']);
  }

  @IncidentEventPattern('CustomerNotified')
  async onCustomerNotified(
    @Payload() event: RecordedIncidentEvent<'CustomerNotified'>,
    @Ctx() ctx: IncidentEventTransportContext,
  ): Promise<void> {
    await this.sla.customerHeard(event.data.incidentId, event.id, event.metadata.correlationId, this.timers(ctx));
  }

  // Only an update the customer sees restarts the clock between customer updates.
  @IncidentEventPattern('StatusUpdatePosted', { when: (event) => event.data.audience === 'customer' })
  async onStatusUpdate(
    @Payload() event: RecordedIncidentEvent<'StatusUpdatePosted'>,
    @Ctx() ctx: IncidentEventTransportContext,
  ): Promise<void> {
    if (event.data.audience === 'customer') {
      const { incidentId } = event.data;
      await this.sla.customerHeard(incidentId, event.id, event.metadata.correlationId, this.timers(ctx));
    }
  }

  @IncidentEventPattern('IncidentResolved')
  async onResolved(
    @Payload() event: RecordedIncidentEvent<'IncidentResolved'>,
    @Ctx() ctx: IncidentEventTransportContext,
  ): Promise<void> {
    await this.stopAll(event.data.incidentId, ctx);
  }

  @IncidentEventPattern('IncidentMarkedNoAction')
  async onNoAction(
    @Payload() event: RecordedIncidentEvent<'IncidentMarkedNoAction'>,
    @Ctx() ctx: IncidentEventTransportContext,
  ): Promise<void> {
    await this.stopAll(event.data.incidentId, ctx);
  }

  @IncidentEventPattern('IncidentReturnedToCustomer')
  async onReturned(
    @Payload() event: RecordedIncidentEvent<'IncidentReturnedToCustomer'>,
    @Ctx() ctx: IncidentEventTransportContext,
  ): Promise<void> {
    await this.stopAll(event.data.incidentId, ctx);
  }

  private async stopAll(incidentId: string, ctx: IncidentEventTransportContext): Promise<void> {
    const incident: IncidentState = await this.incidents.of(incidentId);
    const timers = this.timers(ctx);
    await this.engine.stop(incident, timers);
    await this.sla.stop(incident, timers);
  }

  private timers(ctx: IncidentEventTransportContext): TimerWrites {
    return timerWritesAtCommit(this.scheduler, ctx);
  }
}
