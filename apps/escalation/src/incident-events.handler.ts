import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { IncidentEventPattern, type RecordedIncidentEvent } from '@incident/messaging';
import { IncidentFacts } from './incident-facts';
import { EscalationEngine } from './paging/escalation-engine';
import { SlaClocks } from './sla/sla-clocks';

/**
 * Escalation's reactions to incident events: start the owning team's policy and the SLA clocks when an incident
 * is triaged or reopened, page the level asked for when someone asks for help, restart the clock between
 * customer updates when the customer hears from us, and stop both when the incident is acknowledged or its
 * response cycle ends. Everything later is a durable timer (timers/).
 */
@Controller()
export class IncidentEventsHandler {
  constructor(
    @Inject(EscalationEngine) private readonly engine: EscalationEngine,
    @Inject(SlaClocks) private readonly sla: SlaClocks,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
  ) {}

  @IncidentEventPattern('IncidentTriaged')
  async onTriaged(@Payload() event: RecordedIncidentEvent<'IncidentTriaged'>): Promise<void> {
    const { incidentId, triagedAt, maintenanceWindowId } = event.data;
    // Triage names the maintenance window the alert fell in (issue 14): such an incident is not paged.
    await this.engine.start(incidentId, triagedAt, maintenanceWindowId);
    const incident = await this.incidents.of(incidentId);
    // The first cycle's clocks run from the opening (the customer waited from then); a later one from triage.
    const startedAt = incident.status !== 'initial' && incident.reopenCount === 0 ? incident.openedAt : triagedAt;
    await this.sla.start(incidentId, startedAt, event.id, event.metadata.correlationId);
  }

  @IncidentEventPattern('IncidentReopened')
  async onReopened(@Payload() event: RecordedIncidentEvent<'IncidentReopened'>): Promise<void> {
    const { incidentId, reopenedAt } = event.data;
    await this.engine.start(incidentId, reopenedAt, null);
    await this.sla.start(incidentId, reopenedAt, event.id, event.metadata.correlationId);
  }

  @IncidentEventPattern('IncidentEscalated')
  async onEscalated(@Payload() event: RecordedIncidentEvent<'IncidentEscalated'>): Promise<void> {
    const { incidentId, reason, toLevel, escalatedAt } = event.data;
    // The engine's own escalations (timeouts) page as part of the step that made them.
    if (reason === 'asked_for_help') await this.engine.askedForHelp(incidentId, event.id, toLevel, escalatedAt);
  }

  @IncidentEventPattern('IncidentAcknowledged')
  async onAcknowledged(@Payload() event: RecordedIncidentEvent<'IncidentAcknowledged'>): Promise<void> {
    await this.engine.stop(event.data.incidentId);
    await this.sla.stop(event.data.incidentId, ['acknowledgement']);
  }

  @IncidentEventPattern('CustomerNotified')
  async onCustomerNotified(@Payload() event: RecordedIncidentEvent<'CustomerNotified'>): Promise<void> {
    await this.sla.customerHeard(event.data.incidentId, event.id, event.metadata.correlationId);
  }

  @IncidentEventPattern('StatusUpdatePosted')
  async onStatusUpdate(@Payload() event: RecordedIncidentEvent<'StatusUpdatePosted'>): Promise<void> {
    // Only an update the customer sees restarts the clock between customer updates.
    if (event.data.audience === 'customer') {
      await this.sla.customerHeard(event.data.incidentId, event.id, event.metadata.correlationId);
    }
  }

  @IncidentEventPattern('IncidentResolved')
  async onResolved(@Payload() event: RecordedIncidentEvent<'IncidentResolved'>): Promise<void> {
    await this.stopAll(event.data.incidentId);
  }

  @IncidentEventPattern('IncidentMarkedNoAction')
  async onNoAction(@Payload() event: RecordedIncidentEvent<'IncidentMarkedNoAction'>): Promise<void> {
    await this.stopAll(event.data.incidentId);
  }

  @IncidentEventPattern('IncidentReturnedToCustomer')
  async onReturned(@Payload() event: RecordedIncidentEvent<'IncidentReturnedToCustomer'>): Promise<void> {
    await this.stopAll(event.data.incidentId);
  }

  private async stopAll(incidentId: string): Promise<void> {
    await this.engine.stop(incidentId);
    await this.sla.stop(incidentId);
  }
}
