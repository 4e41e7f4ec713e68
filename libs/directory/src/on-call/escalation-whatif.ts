import type { Directory, Severity } from '../directory';
import type { HistoricCycle } from './escalation-history';
import {
  drillParticipantsOf,
  escalationStep,
  firstLevel,
  policyForTeam,
  type ScheduledLevel,
} from './escalation-policy';
import { onCallResolver, type OnCallOverride } from './on-call';

/**
 * The escalation what-if replays real history under a directory: each cycle's paging runs from triage until
 * the acknowledgement (or the resolution) that really happened, so people are assumed to have answered when
 * they did. What changes is who the schedules and policies would have paged meanwhile, and which of those
 * acknowledgements the directory's SLA targets would have counted as late. Pure: history and directories in.
 */
export interface SimulatedPage {
  readonly incidentId: string;
  readonly personId: string;
  readonly level: number;
  readonly repeat: number;
  readonly at: string;
}

export interface PersonPages {
  readonly personId: string;
  readonly name: string;
  /** Under the directory in force when each cycle began (0 for cycles before any version). */
  readonly inForce: number;
  readonly proposed: number;
}

export interface AcknowledgementBreach {
  readonly incidentId: string;
  readonly team: string;
  readonly severity: Severity;
  readonly openedAt: string;
  /** Null when nobody acknowledged: the clock ran until the resolution, or until the end of the period. */
  readonly acknowledgedAt: string | null;
  readonly minutesToAcknowledge: number;
  readonly targetMinutes: number;
  /** Whether the directory in force then counted it late too. */
  readonly breachedInForce: boolean;
  /** Minutes from opening to the proposed directory's first page; null when it would have paged nobody. */
  readonly firstProposedPageMinutes: number | null;
}

export interface EscalationWhatIf {
  readonly from: string;
  readonly until: string;
  readonly cycles: number;
  readonly drills: number;
  readonly people: readonly PersonPages[];
  readonly breaches: readonly AcknowledgementBreach[];
  /** Cycles the proposed directory would page nobody for (the team has no policy, or every level names nobody). */
  readonly unpaged: readonly { readonly incidentId: string; readonly team: string }[];
}

export type Overrides = ReadonlyMap<string, readonly OnCallOverride[]>;

const minutesBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 60_000);

/** The pages a cycle's paging runs would have sent under `directory`, each run cut off where it really ended. */
export function simulateCycle(
  cycle: HistoricCycle,
  directory: Directory,
  made: Overrides,
  until: string,
): SimulatedPage[] {
  const policy = policyForTeam(directory, cycle.team);
  if (policy === null) return [];
  const context = {
    teams: directory.teams,
    onCall: onCallResolver(directory.schedules, made),
    drillParticipants: cycle.drill ? drillParticipantsOf(directory, cycle.team) : null,
  };
  return cycle.runs.flatMap((run) => {
    const end = Date.parse(run.until ?? until);
    const pages: SimulatedPage[] = [];
    // An acknowledgement at the very moment a level falls due wins: that level is not paged.
    for (let due: ScheduledLevel | null = firstLevel(policy, run.from); due !== null && Date.parse(due.dueAt) < end;) {
      const step = escalationStep(policy, due.position, due.dueAt, context);
      if (step.kind === 'exhausted') break;
      const { level, repeat } = step.position;
      pages.push(
        ...step.targets.map((t) => ({
          incidentId: cycle.incidentId,
          personId: t.personId,
          level,
          repeat,
          at: step.pagedAt,
        })),
      );
      due = step.next === null ? null : { position: step.next, dueAt: step.waitUntil };
    }
    return pages;
  });
}

/** How long the cycle waited for its acknowledgement, against the directory's target; null for drills (no SLA). */
function acknowledgement(cycle: HistoricCycle, directory: Directory, until: string) {
  if (cycle.drill) return null;
  const stoppedAt = cycle.acknowledgedAt ?? cycle.runs.at(-1)?.until ?? until;
  const minutes = minutesBetween(cycle.openedAt, stoppedAt);
  const targetMinutes = directory.sla[cycle.severity].acknowledgeWithinMinutes;
  return { minutes, targetMinutes, breached: minutes > targetMinutes };
}

export function escalationWhatIf(
  cycles: readonly HistoricCycle[],
  inForceAt: (at: string) => Directory | undefined,
  proposed: Directory,
  made: Overrides,
  period: { readonly from: string; readonly until: string },
): EscalationWhatIf {
  const counts = new Map<string, { inForce: number; proposed: number }>();
  const count = (personId: string, which: 'inForce' | 'proposed') => {
    const entry = counts.get(personId) ?? { inForce: 0, proposed: 0 };
    counts.set(personId, { ...entry, [which]: entry[which] + 1 });
  };
  const breaches: AcknowledgementBreach[] = [];
  const unpaged: { incidentId: string; team: string }[] = [];
  for (const cycle of cycles) {
    const then = inForceAt(cycle.runs[0]?.from ?? cycle.openedAt);
    if (then !== undefined) simulateCycle(cycle, then, made, period.until).forEach((p) => count(p.personId, 'inForce'));
    const pages = simulateCycle(cycle, proposed, made, period.until);
    pages.forEach((p) => count(p.personId, 'proposed'));
    if (pages.length === 0) unpaged.push({ incidentId: cycle.incidentId, team: cycle.team });
    const ack = acknowledgement(cycle, proposed, period.until);
    if (ack?.breached) {
      breaches.push({
        incidentId: cycle.incidentId,
        team: cycle.team,
        severity: cycle.severity,
        openedAt: cycle.openedAt,
        acknowledgedAt: cycle.acknowledgedAt,
        minutesToAcknowledge: ack.minutes,
        targetMinutes: ack.targetMinutes,
        breachedInForce: then !== undefined && acknowledgement(cycle, then, period.until)?.breached === true,
        firstProposedPageMinutes: pages[0] === undefined ? null : minutesBetween(cycle.openedAt, pages[0].at),
      });
    }
  }
  const nameOf = (id: string) => proposed.people.find((p) => p.id === id)?.name ?? id;
  const people = [...counts.entries()]
    .map(([personId, c]) => ({ personId, name: nameOf(personId), ...c }))
    .sort((a, b) => b.proposed - a.proposed || b.inForce - a.inForce || a.personId.localeCompare(b.personId));
  return {
    ...period,
    cycles: cycles.length,
    drills: cycles.filter((c) => c.drill).length,
    people,
    breaches: breaches.sort((a, b) => a.openedAt.localeCompare(b.openedAt)),
    unpaged,
  };
}
