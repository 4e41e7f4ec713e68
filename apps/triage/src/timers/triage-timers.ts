import { Inject, Injectable } from '@nestjs/common';
import { IncidentCommandHandler } from '@incident/event-store';
import type { IncidentEventContext } from '@incident/messaging';
import { BackgroundLoops } from '@incident/platform';
import { deferredTimerChanges, type FiringTimer, Scheduler } from '@incident/scheduler';
import { IncidentFacts } from '../incident-facts';
import { escalateUntriaged, type TriageDeadline, triageDeadlineKey } from '../rules/triage-deadline.policy';
import { TRIAGE_CONFIG, type TriageConfig } from '../triage.config';

export interface TriageDeadlinePayload {
  readonly incidentId: string;
}

/**
 * Triage's durable timers: the deadline of an incident the rules left for a person. Scheduling is idempotent by
 * key, so a redelivered event changes nothing; firing issues its command with `causationId` = the timer key, so
 * a timer fired twice (a replica died before recording the firing) escalates once.
 */
@Injectable()
export class TriageTimers {
  constructor(
    @Inject(Scheduler) private readonly scheduler: Scheduler<TriageDeadlinePayload>,
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(TRIAGE_CONFIG) private readonly config: TriageConfig,
    @Inject(BackgroundLoops) loops: BackgroundLoops,
  ) {
    scheduler.onFire((timer) => this.fire(timer));
    loops.register(scheduler);
  }

  /**
   * Written last in the consumer's transaction (`writeLast`), with the rest of the run's timers in one statement
   * (deferredTimerChanges): committed with the event's idempotency record or not at all, and no transaction of
   * its own. A deadline already set stays as it is.
   */
  schedule(deadline: TriageDeadline, ctx: Pick<IncidentEventContext, 'writeLast'>): void {
    const payload = { incidentId: deadline.incidentId };
    deferredTimerChanges(this.scheduler, ctx.writeLast).schedule(deadline.key, new Date(deadline.dueAt), payload);
  }

  /** Too late is fine: a firing under way finds the incident triaged and does nothing. Written last, as above. */
  cancel(incidentId: string, ctx: Pick<IncidentEventContext, 'writeLast'>): void {
    deferredTimerChanges(this.scheduler, ctx.writeLast).cancel(triageDeadlineKey(incidentId));
  }

  private async fire(timer: FiringTimer<TriageDeadlinePayload>): Promise<void> {
    const { incidentId } = timer.payload;
    const incident = await this.incidents.of(incidentId);
    if (incident.status === 'initial') return;
    const facts = { incidentId, status: incident.status, escalationLevel: incident.escalationLevel };
    const command = escalateUntriaged(facts, this.config.deadline, timer.dueAt.toISOString());
    if (command === null) return;
    await this.commands.execute(command, {
      actor: this.config.actor,
      correlationId: timer.key,
      causationId: timer.key,
    });
  }
}
