import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { IncidentCommandHandler } from '@incident/event-store';
import { IncidentEventPattern, type RecordedIncidentEvent } from '@incident/messaging';
import { IncidentFacts } from './incident-facts';
import { triageDeadline } from './rules/triage-deadline.policy';
import { triageOpenedIncident } from './rules/triage.policy';
import { TriageTimers } from './timers/triage-timers';
import { TRIAGE_CONFIG, type TriageConfig } from './triage.config';

/**
 * Triage's reactions to incident events: facts from the event (and the incident as it is now), the rules
 * decide, the command handler acts or a timer is set. Nothing else belongs here. `causationId` is the event's
 * id, so a record delivered twice (a rebalance, a relay restart) finds its first effect and appends nothing.
 */
@Controller()
export class IncidentEventsHandler {
  constructor(
    @Inject(TRIAGE_CONFIG) private readonly config: TriageConfig,
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(TriageTimers) private readonly timers: TriageTimers,
  ) {}

  @IncidentEventPattern('IncidentOpened')
  async onOpened(@Payload() event: RecordedIncidentEvent<'IncidentOpened'>): Promise<void> {
    const { status } = await this.incidents.of(event.data.incidentId);
    // Automatic triage happens as the incident is recorded; the event's time keeps the decision reproducible.
    const command = triageOpenedIncident(event.data, status, this.config.policy, event.metadata.recordedAt);
    if (command !== null) {
      await this.commands.execute(command, {
        actor: this.config.actor,
        correlationId: event.metadata.correlationId,
        causationId: event.id,
      });
      return;
    }
    const deadline = triageDeadline(event.data, status, this.config.deadline);
    if (deadline !== null) await this.timers.schedule(deadline);
  }

  @IncidentEventPattern('IncidentTriaged')
  async onTriaged(@Payload() event: RecordedIncidentEvent<'IncidentTriaged'>): Promise<void> {
    await this.timers.cancel(event.data.incidentId);
  }
}
