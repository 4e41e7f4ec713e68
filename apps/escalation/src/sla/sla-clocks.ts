import { Inject, Injectable } from '@nestjs/common';
import { DirectoryReader } from '@incident/directory';
import { IllegalTransitionError, incidentDecider, type IncidentState, SLA_KINDS } from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import type { FiringTimer } from '@incident/scheduler';
import { ESCALATION_CONFIG, type EscalationConfig } from '../escalation.config';
import { IncidentFacts, type IncidentNow } from '../incident-facts';
import {
  customerUpdateRestart,
  isBreach,
  restartedInTime,
  slaClocksFor,
  slaTimerKey,
} from '../rules/sla-clocks.policy';

/** Retried by the scheduler: the update clock's timer is about to be moved by the update that restarted it. */
export class UpdateClockRestarting extends Error {
  override name = 'UpdateClockRestarting';
}
import type { EscalationTimerPayload, SlaTimerPayload } from '../timers/escalation-timer-payload';
import type { TimerWrites } from '../timers/timer-writes';

/**
 * SLA clocks as durable timers. Starting records SlaClockStarted (the due time the sla_status read model shows)
 * caused by the event that started them, then sets one timer per clock; a timer that runs out before its
 * milestone records SlaBreached, caused by the timer key. The customer-update clock starts over at each update:
 * SlaClockStarted again, and its timer moved.
 */
@Injectable()
export class SlaClocks {
  constructor(
    @Inject(ESCALATION_CONFIG) private readonly config: EscalationConfig,
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(DirectoryReader) private readonly directoryReader: DirectoryReader,
  ) {}

  /**
   * Triaged or reopened (`read`: the incident as read for the event; the command decides on its history): the
   * cycle's clocks run from `startedAt`.
   */
  async start(
    read: IncidentNow,
    startedAt: string,
    causationId: string,
    correlationId: string,
    timers: TimerWrites,
  ): Promise<void> {
    const directory = this.directoryReader.current()?.directory;
    const incident = read.state;
    if (incident.status === 'initial' || !directory) return;
    const { incidentId } = incident;
    const clocks = slaClocksFor(incident, directory.sla);
    const cycle = incident.reopenCount;
    const toStart = clocks.filter((clock) => !incident.slaClocks.includes(clock.sla));
    let started: IncidentState = incident;
    if (toStart.length > 0) {
      const outcome = await this.commands.execute(
        { type: 'StartSlaClocks', data: { incidentId, clocks: toStart, startedAt } },
        { actor: this.config.actor, correlationId, causationId, knownHistory: read.history },
      );
      // A redelivered event (the command answered `duplicate`) reads the clocks back, so it sets the same timers;
      // otherwise the clocks just started are the ones read plus the events appended.
      started = outcome.duplicate
        ? await this.incidents.of(incidentId)
        : outcome.events.reduce<IncidentState>((state, event) => incidentDecider.evolve(state, event), incident);
    }
    if (started.status === 'initial') return;
    for (const sla of started.slaClocks) {
      const target = clocks.find((clock) => clock.sla === sla)?.targetMinutes;
      if (target === undefined) continue;
      const payload: SlaTimerPayload = { kind: 'sla', incidentId, cycle, sla, targetMinutes: target };
      const from = sla === 'customer_update' ? latest(startedAt, started.lastCustomerUpdateAt) : startedAt;
      const dueAt = new Date(Date.parse(from) + target * 60_000);
      await timers.schedule(slaTimerKey(incidentId, cycle, sla), dueAt, payload);
    }
    // Told before the clocks started (at opening, say): the update clock runs from then instead.
    if (latest(startedAt, started.lastCustomerUpdateAt) !== startedAt) {
      await this.customerHeard(incidentId, `${causationId}/customer-update`, correlationId, timers);
    }
  }

  /**
   * The customer heard from us: the cycle's update clock runs again from their latest update (taken from the
   * stream, so a redelivered older update cannot move it back). No clock running (a drill, ended): nothing.
   */
  async customerHeard(
    incidentId: string,
    causationId: string,
    correlationId: string,
    timers: TimerWrites,
  ): Promise<void> {
    const { state: incident, history } = await this.incidents.now(incidentId);
    const directory = this.directoryReader.current()?.directory;
    const restart = directory ? customerUpdateRestart(incident, directory.sla) : null;
    if (incident.status === 'initial' || restart === null) return;
    const { startedAt, clock } = restart;
    try {
      await this.commands.execute(
        { type: 'StartSlaClocks', data: { incidentId, clocks: [clock], startedAt } },
        { actor: this.config.actor, correlationId, causationId, knownHistory: history },
      );
    } catch (error) {
      // Resolved in the meantime: its clocks stopped.
      if (!(error instanceof IllegalTransitionError)) throw error;
      return;
    }
    const dueAt = new Date(Date.parse(startedAt) + clock.targetMinutes * 60_000);
    // A clock that breached already (its timer fired) stays breached for the cycle: one breach per clock.
    await timers.reschedule(slaTimerKey(incidentId, incident.reopenCount, clock.sla), dueAt);
  }

  /** The milestone came, or the cycle ended: its clocks stop (a firing under way re-checks). */
  async stop(
    incident: IncidentState,
    timers: TimerWrites,
    slas: readonly (typeof SLA_KINDS)[number][] = SLA_KINDS,
  ): Promise<void> {
    if (incident.status === 'initial') return;
    for (const sla of slas) await timers.cancel(slaTimerKey(incident.incidentId, incident.reopenCount, sla));
  }

  async fire(timer: FiringTimer<EscalationTimerPayload>, payload: SlaTimerPayload): Promise<void> {
    const { incidentId, cycle, sla, targetMinutes } = payload;
    const incident = await this.incidents.of(incidentId);
    const startedAt = new Date(timer.dueAt.getTime() - targetMinutes * 60_000).toISOString();
    if (sla === 'customer_update' && restartedInTime(incident, startedAt, timer.dueAt.toISOString())) {
      throw new UpdateClockRestarting(`the customer heard from us since ${startedAt}: the clock is starting over`);
    }
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

const latest = (at: string, other: string | null): string =>
  other !== null && Date.parse(other) > Date.parse(at) ? other : at;
