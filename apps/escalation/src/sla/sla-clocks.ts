import { Inject, Injectable } from '@nestjs/common';
import { DirectoryReader } from '@incident/directory';
import { IllegalTransitionError, SLA_KINDS } from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import { type FiringTimer, Scheduler, TimerKeyInUse } from '@incident/scheduler';
import { ESCALATION_CONFIG, type EscalationConfig } from '../escalation.config';
import { IncidentFacts } from '../incident-facts';
import { isBreach, slaClocksFor, slaTimerKey } from '../rules/sla-clocks.policy';
import type { EscalationTimerPayload, SlaTimerPayload } from '../timers/escalation-timer-payload';

/**
 * SLA clocks as durable timers. Starting records SlaClockStarted (the due time the sla_status read model shows)
 * caused by the event that started them, then sets one timer per clock; a timer that runs out before its
 * milestone records SlaBreached, caused by the timer key.
 */
@Injectable()
export class SlaClocks {
  constructor(
    @Inject(ESCALATION_CONFIG) private readonly config: EscalationConfig,
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(DirectoryReader) private readonly directoryReader: DirectoryReader,
    @Inject(Scheduler) private readonly scheduler: Scheduler<EscalationTimerPayload>,
  ) {}

  /** Triaged or reopened: the cycle's clocks run from `startedAt`. */
  async start(incidentId: string, startedAt: string, causationId: string, correlationId: string): Promise<void> {
    const incident = await this.incidents.of(incidentId);
    const directory = this.directoryReader.current()?.directory;
    if (incident.status === 'initial' || !directory) return;
    const clocks = slaClocksFor(incident, directory.sla);
    const cycle = incident.reopenCount;
    const toStart = clocks.filter((clock) => !incident.slaClocks.includes(clock.sla));
    if (toStart.length > 0) {
      await this.commands.execute(
        { type: 'StartSlaClocks', data: { incidentId, clocks: toStart, startedAt } },
        { actor: this.config.actor, correlationId, causationId },
      );
    }
    // Read back, so that a redelivered event (the command answered `duplicate`) sets the same timers.
    const started = await this.incidents.of(incidentId);
    if (started.status === 'initial') return;
    for (const sla of started.slaClocks) {
      const target = clocks.find((clock) => clock.sla === sla)?.targetMinutes;
      if (target === undefined) continue;
      const payload: SlaTimerPayload = { kind: 'sla', incidentId, cycle, sla, targetMinutes: target };
      const dueAt = new Date(Date.parse(startedAt) + target * 60_000);
      await this.scheduler.schedule(slaTimerKey(incidentId, cycle, sla), dueAt, payload).catch((error: unknown) => {
        if (!(error instanceof TimerKeyInUse)) throw error;
      });
    }
  }

  /** The milestone came, or the cycle ended: its clocks stop (a firing under way re-checks). */
  async stop(incidentId: string, slas: readonly (typeof SLA_KINDS)[number][] = SLA_KINDS): Promise<void> {
    const incident = await this.incidents.of(incidentId);
    if (incident.status === 'initial') return;
    for (const sla of slas) await this.scheduler.cancel(slaTimerKey(incidentId, incident.reopenCount, sla));
  }

  async fire(timer: FiringTimer<EscalationTimerPayload>, payload: SlaTimerPayload): Promise<void> {
    const { incidentId, cycle, sla, targetMinutes } = payload;
    const incident = await this.incidents.of(incidentId);
    if (!isBreach(incident, cycle, sla)) return;
    try {
      await this.commands.execute(
        { type: 'RecordSlaBreach', data: { incidentId, sla, targetMinutes, breachedAt: timer.dueAt.toISOString() } },
        { actor: this.config.actor, correlationId: timer.key, causationId: timer.key },
      );
    } catch (error) {
      // Resolved or breached in the meantime: nothing to record.
      if (!(error instanceof IllegalTransitionError)) throw error;
    }
  }
}
