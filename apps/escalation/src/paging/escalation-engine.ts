import { Inject, Injectable } from '@nestjs/common';
import { type Directory, DirectoryReader, OnCallQueries } from '@incident/directory';
import {
  IllegalTransitionError,
  type IncidentCommand,
  type IncidentState,
  type OpenedIncident,
  type PageRecord,
} from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import { type FiringTimer, Scheduler } from '@incident/scheduler';
import { ESCALATION_CONFIG, type EscalationConfig } from '../escalation.config';
import { IncidentFacts } from '../incident-facts';
import {
  drillParticipantsOf,
  type EscalationPosition,
  escalationStep,
  firstLevel,
  policyForTeam,
  positionAfter,
} from '../rules/escalation-policy';
import { onCallResolver } from '../rules/on-call';
import {
  continuesAfter,
  helpTimerKey,
  lastPagedPosition,
  levelTimerKey,
  maintenanceWindowOf,
  pageIdOf,
  pagesToRequest,
  type PagingReason,
  shouldPage,
} from '../rules/paging-plan';
import type { EscalationTimerPayload, LevelTimerPayload } from '../timers/escalation-timer-payload';
import { type TimerWrites, timerWritesWithOutcome } from '../timers/timer-writes';
import { PageDelivery } from './page-delivery';

/** Thrown while no directory version is in force: the timer retries with backoff until one is applied. */
export class NoDirectoryYet extends Error {
  override name = 'NoDirectoryYet';
}

/**
 * Runs the owning team's escalation policy for a response cycle. Every wait is a durable timer; firing a level
 * escalates (from level 2), records the level's page intents, delivers them and records each outcome, then sets
 * the next level's timer: all of it idempotent by the timer's key, so a firing repeated after a crash finishes
 * the step instead of doubling it. The rules decide; this class only loads facts and acts.
 */
@Injectable()
export class EscalationEngine {
  constructor(
    @Inject(ESCALATION_CONFIG) private readonly config: EscalationConfig,
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(DirectoryReader) private readonly directoryReader: DirectoryReader,
    @Inject(Scheduler) private readonly scheduler: Scheduler<EscalationTimerPayload>,
    @Inject(PageDelivery) private readonly delivery: PageDelivery,
    @Inject(OnCallQueries) private readonly onCall: OnCallQueries,
  ) {}

  /** Triaged or reopened: level 1 of the owning team's policy, due its delay after `startedAt`. */
  async start(
    incident: IncidentState,
    startedAt: string,
    maintenanceWindowId: string | null,
    timers: TimerWrites,
  ): Promise<void> {
    if (!shouldPage(incident, incident.status === 'initial' ? 0 : incident.reopenCount, 'policy')) return;
    const directory = this.directory();
    // Inside a maintenance window the incident is kept and visible, but nobody is woken for it.
    if (maintenanceWindowId !== null || maintenanceWindowOf(directory, incident, startedAt)) return;
    const policy = policyForTeam(directory, incident.owningTeam ?? '');
    if (!policy) return;
    const first = firstLevel(policy, startedAt);
    await this.scheduleLevel(incident, first.position, first.dueAt, 'policy', timers);
  }

  /** Acknowledged, resolved, no action, returned: the pending level is cancelled (a firing under way re-checks). */
  async stop(incident: IncidentState, timers: TimerWrites): Promise<void> {
    if (incident.status === 'initial' || incident.owningTeam === null) return;
    const pending = this.pendingPosition(incident);
    if (pending) await timers.cancel(levelTimerKey(incident.incidentId, incident.reopenCount, pending));
  }

  /** A person asked for help: the level asked for is paged now, in place of the level that was pending. */
  async askedForHelp(
    incidentId: string,
    escalationEventId: string,
    toLevel: number,
    at: string,
    timers: TimerWrites,
  ): Promise<void> {
    const incident = await this.incidents.of(incidentId);
    if (incident.status === 'initial' || incident.owningTeam === null) return;
    const policy = policyForTeam(this.directory(), incident.owningTeam);
    if (!policy) return;
    const pending = this.pendingPosition(incident);
    if (pending) await timers.cancel(levelTimerKey(incidentId, incident.reopenCount, pending));
    const cycle = incident.reopenCount;
    const payload: LevelTimerPayload = {
      kind: 'level',
      incidentId,
      cycle,
      level: Math.min(toLevel, policy.levels.length),
      repeat: lastPagedPosition(incident, cycle, policy)?.repeat ?? 0,
      reason: 'help',
    };
    await timers.schedule(helpTimerKey(incidentId, escalationEventId), new Date(at), payload);
  }

  async fire(timer: FiringTimer<EscalationTimerPayload>, payload: LevelTimerPayload): Promise<void> {
    const { incidentId, cycle, reason } = payload;
    const { state: incident, history } = await this.incidents.now(incidentId);
    if (!shouldPage(incident, cycle, reason)) return;
    const directory = this.directory();
    const team = incident.owningTeam ?? '';
    const policy = policyForTeam(directory, team);
    if (!policy) return;
    const at = timer.dueAt.toISOString();
    const step = escalationStep(policy, { level: payload.level, repeat: payload.repeat }, at, {
      teams: directory.teams,
      // Overrides made through the API (POST /v1/schedules/:id/overrides) cover shifts as the directory's do;
      // firings at the same moment share one read of them.
      onCall: onCallResolver(directory.schedules, await this.onCall.overrides.bySchedule({ joinReadUnderWay: true })),
      drillParticipants: incident.drill ? drillParticipantsOf(directory, team) : null,
    });
    if (step.kind === 'exhausted') return;
    const cause = { actor: this.config.actor, correlationId: timer.key, causationId: timer.key };
    const { level } = step.position;
    // The escalation (rare: from level 2) reads the stream afresh; otherwise the page request decides on the
    // history just read (`knownHistory`), one read fewer.
    let known: { knownHistory: typeof history } | undefined = { knownHistory: history };
    if (reason === 'policy' && level > incident.escalationLevel) {
      known = undefined;
      await this.allowRefusal(
        {
          type: 'EscalateIncident',
          data: {
            incidentId,
            reason: 'timeout',
            toLevel: level,
            note: `level ${level - 1} did not acknowledge`,
            escalatedAt: at,
          },
        },
        cause,
      );
    }
    const intents = pagesToRequest(incident, cycle, step);
    if (intents.length > 0) {
      await this.commands.execute(
        { type: 'RequestPages', data: { incidentId, level, attempt: step.attempt, pages: intents, requestedAt: at } },
        { ...cause, ...known },
      );
    }
    const stepPages = new Set(step.targets.map(({ personId }) => pageIdOf(cycle, step.attempt, personId)));
    const undelivered: PageRecord[] = [
      ...incident.pages.filter((page) => stepPages.has(page.pageId) && page.outcome === 'requested'),
      ...intents.map((intent) => ({ ...intent, cycle, level, attempt: step.attempt, outcome: 'requested' as const })),
    ];
    const now = new Date();
    await Promise.all(undelivered.map((page) => this.delivery.deliver(incident, page, directory, now)));
    if (step.next !== null && continuesAfter(incident)) {
      const timers = timerWritesWithOutcome(this.scheduler, timer);
      await this.scheduleLevel(incident, step.next, step.waitUntil, 'policy', timers);
    }
  }

  /** The level whose timer is pending in the incident's current cycle: the one after its last page. */
  private pendingPosition(incident: OpenedIncident): EscalationPosition | null {
    const policy = policyForTeam(this.directory(), incident.owningTeam ?? '');
    if (!policy) return null;
    const last = lastPagedPosition(incident, incident.reopenCount, policy);
    return last === null ? { level: 1, repeat: 0 } : positionAfter(policy, last);
  }

  private async scheduleLevel(
    incident: OpenedIncident,
    position: EscalationPosition,
    dueAt: string,
    reason: PagingReason,
    timers: TimerWrites,
  ): Promise<void> {
    const cycle = incident.reopenCount;
    const payload: LevelTimerPayload = { kind: 'level', incidentId: incident.incidentId, cycle, ...position, reason };
    // A key in use keeps its first due time: started already from another fact (triaged again after a reopen).
    await timers.schedule(levelTimerKey(incident.incidentId, cycle, position), new Date(dueAt), payload);
  }

  /** An escalation someone else made first (a person asking for help) leaves the level where it is. */
  private async allowRefusal(
    command: IncidentCommand,
    cause: { actor: EscalationConfig['actor']; correlationId: string; causationId: string },
  ): Promise<void> {
    try {
      await this.commands.execute(command, cause);
    } catch (error) {
      if (!(error instanceof IllegalTransitionError)) throw error;
    }
  }

  private directory(): Directory {
    const current = this.directoryReader.current();
    if (!current) throw new NoDirectoryYet('no directory version has been applied: nobody can be paged yet');
    return current.directory;
  }
}
