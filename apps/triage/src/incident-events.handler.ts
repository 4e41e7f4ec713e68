import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { fold, type IncidentEvent, incidentDecider, type IncidentStatus, incidentStreamId } from '@incident/domain';
import { EVENT_STORE, type EventStore, IncidentCommandHandler } from '@incident/event-store';
import { IncidentEventPattern, type RecordedIncidentEvent } from '@incident/messaging';
import { triageOpenedIncident } from './rules/triage.policy';
import { TRIAGE_CONFIG, type TriageConfig } from './triage.config';

/**
 * Triage's reactions to incident events: facts from the event, the rule decides, the command handler acts.
 * Nothing else belongs here. `causationId` is the event's id, so a record delivered twice (a rebalance, a
 * relay restart) finds its first effect and appends nothing.
 */
@Controller()
export class IncidentEventsHandler {
  constructor(
    @Inject(TRIAGE_CONFIG) private readonly config: TriageConfig,
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @IncidentEventPattern('IncidentOpened')
  async onOpened(@Payload() event: RecordedIncidentEvent<'IncidentOpened'>): Promise<void> {
    // Automatic triage happens as the incident is recorded; the event's time keeps the decision reproducible.
    const status = await this.statusOf(event.data.incidentId);
    const command = triageOpenedIncident(event.data, status, this.config.policy, event.metadata.recordedAt);
    if (command === null) return;
    await this.commands.execute(command, {
      actor: this.config.actor,
      correlationId: event.metadata.correlationId,
      causationId: event.id,
    });
  }

  /** The incident as it is now, which may be well past the event in hand (lag, or a replica catching up). */
  private async statusOf(incidentId: string): Promise<IncidentStatus> {
    const history = await this.store.readStream(incidentStreamId(incidentId));
    return fold(incidentDecider, history as unknown as IncidentEvent[]).status;
  }
}
