import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { DirectoryReader } from '@incident/directory';
import type { IncidentOpened, IsoTimestamp } from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import {
  IncidentEventPattern,
  type IncidentEventTransportContext,
  type RecordedIncidentEvent,
} from '@incident/messaging';
import { alreadyActedOn, IncidentFacts, type IncidentNow, openedOf } from './incident-facts';
import {
  evaluateTriage,
  isPersonsClassification,
  keepPersonsClassification,
  type TriageCommand,
  triageCommands,
  triageFactsOf,
} from './rules';
import { triageDeadline } from './rules/triage-deadline.policy';
import { TriageTimers } from './timers/triage-timers';
import { TRIAGE_CONFIG, type TriageConfig } from './triage.config';
import { TriageRuleSetSource } from './triage-rule-set.source';
import { ServiceChanges } from './service-changes';

type Cause = RecordedIncidentEvent<'IncidentOpened'> | RecordedIncidentEvent<'IncidentReopened'>;

/**
 * Triage's reactions to incident events: facts from the event, the incident as it is now and the directory; the
 * rule set in force decides; the command handler acts, or a timer is set. `causationId` is the event's id, so a
 * record delivered twice (a rebalance, a relay restart) finds its first effects and appends nothing. An incident
 * that is no longer `triggered` was decided by someone else (a person, or an earlier cycle) and is left alone,
 * unless this very event already acted on it: then a crash interrupted the commands, and they are issued again
 * (those already applied are recognised by cause), unless a person has reclassified it since.
 */
@Controller()
export class IncidentEventsHandler {
  constructor(
    @Inject(TRIAGE_CONFIG) private readonly config: TriageConfig,
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(TriageTimers) private readonly timers: TriageTimers,
    @Inject(TriageRuleSetSource) private readonly rules: TriageRuleSetSource,
    @Inject(DirectoryReader) private readonly directory: DirectoryReader,
    @Inject(ServiceChanges) private readonly changes: ServiceChanges,
  ) {}

  @IncidentEventPattern('IncidentOpened')
  async onOpened(
    @Payload() event: RecordedIncidentEvent<'IncidentOpened'>,
    @Ctx() ctx: IncidentEventTransportContext,
  ): Promise<void> {
    const incident = await this.incidents.now(event.data.incidentId);
    if (!this.isStillOurs(incident, event)) return;
    // The facts are the alert's at the moment it opened: the maintenance window and time rules look at openedAt.
    const commands = await this.decide(event.data, event.data.openedAt, event.metadata.recordedAt);
    if (commands.length > 0) return this.issue(commands, event, incident);
    const deadline = triageDeadline(event.data, incident.state.status, this.config.deadline);
    if (deadline !== null) this.timers.schedule(deadline, ctx);
  }

  @IncidentEventPattern('IncidentReopened')
  async onReopened(@Payload() event: RecordedIncidentEvent<'IncidentReopened'>): Promise<void> {
    const incident = await this.incidents.now(event.data.incidentId);
    const { state } = incident;
    // A later reopen supersedes this one: its own event triages that cycle.
    if (state.status === 'initial' || state.reopenCount !== event.data.reopenCount) return;
    if (!this.isStillOurs(incident, event)) return;
    const kept = keepPersonsClassification(state, event.metadata.recordedAt);
    if (kept) return this.issue([kept], event, incident);
    const commands = await this.decide(openedOf(incident), event.data.reopenedAt, event.metadata.recordedAt);
    await this.issue(commands, event, incident);
  }

  @IncidentEventPattern('IncidentTriaged')
  onTriaged(
    @Payload() event: RecordedIncidentEvent<'IncidentTriaged'>,
    @Ctx() ctx: IncidentEventTransportContext,
  ): Promise<void> {
    this.timers.cancel(event.data.incidentId, ctx);
    return Promise.resolve();
  }

  private isStillOurs(incident: IncidentNow, event: Cause): boolean {
    const { state } = incident;
    if (state.status === 'triggered') return true;
    // A crash part-way through this event's commands: finish them, unless a person has reclassified it since.
    return (
      state.status !== 'initial' && alreadyActedOn(incident, event.id) && !isPersonsClassification(state.triageRuleId)
    );
  }

  /** `[]` when no rule set is applied yet, or the rules leave the incident for a person. */
  private async decide(
    alert: IncidentOpened['data'],
    at: IsoTimestamp,
    triagedAt: IsoTimestamp,
  ): Promise<TriageCommand[]> {
    const ruleSet = this.rules.current();
    if (!ruleSet) return [];
    const changes = await this.changes.before(alert, ruleSet, at, triagedAt);
    const facts = triageFactsOf(alert, this.directory.current()?.directory, at, changes);
    return triageCommands(alert.incidentId, evaluateTriage(facts, ruleSet), triagedAt);
  }

  /** The first command decides on the history just read (`knownHistory`): one read of the stream fewer. */
  private async issue(commands: readonly TriageCommand[], event: Cause, incident: IncidentNow): Promise<void> {
    for (const [index, command] of commands.entries()) {
      await this.commands.execute(command, {
        actor: this.config.actor,
        correlationId: event.metadata.correlationId,
        causationId: event.id,
        ...(index === 0 && { knownHistory: incident.history }),
      });
    }
  }
}
