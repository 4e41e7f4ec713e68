import type { EventStore } from '@incident/event-store';
import type { Severity } from '../directory';

/**
 * One response cycle of an incident, as the escalation what-if replays it: the acknowledgement SLA clock runs
 * from `openedAt` (the opening, or a reopen, as sla_status counts it), paging runs from triage (or the reopen,
 * or an unacknowledgement) until someone acknowledges or the incident stops needing anyone.
 */
export interface HistoricCycle {
  readonly incidentId: string;
  readonly drill: boolean;
  /** The cycle's last classification: a reclassification changes who would have been paged for all of it. */
  readonly team: string;
  readonly severity: Severity;
  readonly openedAt: string;
  readonly acknowledgedAt: string | null;
  readonly runs: readonly PagingRun[];
}

export interface PagingRun {
  readonly from: string;
  /** Acknowledged, resolved, no action, returned, closed; null while the incident still waits. */
  readonly until: string | null;
}

interface Folding {
  drill: boolean;
  team: string | null;
  severity: Severity | null;
  openedAt: string;
  acknowledgedAt: string | null;
  runs: { from: string; until: string | null }[];
}

/** Times come from the events' own fields (triagedAt, acknowledgedAt, …), not from when they were recorded. */
type Data = Record<string, unknown>;
const str = (data: Data, key: string): string => String(data[key]);

function startRun(cycle: Folding, at: string): void {
  if (cycle.team === null || cycle.runs.at(-1)?.until === null) return;
  cycle.runs.push({ from: at, until: null });
}

function endRun(cycle: Folding, at: string): void {
  const run = cycle.runs.at(-1);
  if (run !== undefined && run.until === null) run.until = at;
}

/** One event of an incident into its cycles so far (a fold step: the reader keeps no events). */
function foldCycleEvent(cycles: Folding[], type: string, raw: unknown): void {
  const data = raw as Data;
  const cycle = cycles.at(-1);
  if (type === 'IncidentOpened') {
    const openedAt = str(data, 'openedAt');
    cycles.push({
      drill: data['drill'] === true,
      team: null,
      severity: null,
      openedAt,
      acknowledgedAt: null,
      runs: [],
    });
  } else if (cycle === undefined) {
    return;
  } else if (type === 'IncidentTriaged' || type === 'IncidentReclassified') {
    cycle.team = str(data, 'owningTeam');
    cycle.severity = data['severity'] as Severity;
    if (type === 'IncidentTriaged' && cycle.acknowledgedAt === null) startRun(cycle, str(data, 'triagedAt'));
  } else if (type === 'SeverityChanged') {
    cycle.severity = data['severity'] as Severity;
  } else if (type === 'IncidentAcknowledged') {
    cycle.acknowledgedAt ??= str(data, 'acknowledgedAt');
    endRun(cycle, str(data, 'acknowledgedAt'));
  } else if (type === 'IncidentUnacknowledged') {
    startRun(cycle, str(data, 'unacknowledgedAt'));
  } else if (type === 'IncidentReopened') {
    endRun(cycle, str(data, 'reopenedAt'));
    const reopened: Folding = { ...cycle, openedAt: str(data, 'reopenedAt'), acknowledgedAt: null, runs: [] };
    cycles.push(reopened);
    startRun(reopened, str(data, 'reopenedAt'));
  } else if (ENDS_PAGING[type] !== undefined) {
    endRun(cycle, str(data, ENDS_PAGING[type]));
  }
}

/** The cycles that paged someone: classified, with at least one paging run. */
const finished = (incidentId: string, cycles: readonly Folding[]): HistoricCycle[] =>
  cycles.flatMap(({ team, severity, ...c }) =>
    team === null || severity === null || c.runs.length === 0 ? [] : [{ incidentId, team, severity, ...c }],
  );

/** Folds one incident's events into its cycles, oldest first. Events of other types change nothing. */
export function foldCycles(incidentId: string, events: readonly { type: string; data: unknown }[]): HistoricCycle[] {
  const cycles: Folding[] = [];
  for (const event of events) foldCycleEvent(cycles, event.type, event.data);
  return finished(incidentId, cycles);
}

const ENDS_PAGING: Readonly<Record<string, string>> = {
  IncidentResolved: 'resolvedAt',
  IncidentMarkedNoAction: 'markedAt',
  IncidentReturnedToCustomer: 'returnedAt',
  IncidentClosed: 'closedAt',
};

/**
 * Every incident's cycles whose paging began in [from, until), read from the store's global log up to its head
 * as it stood when the read began. Reads only. Every event of the log is read (it has no index by time).
 */
export async function readHistoricCycles(
  store: Pick<EventStore, 'readAll' | 'head'>,
  from: Date,
  until: Date,
  pageSize = 2_000,
): Promise<HistoricCycle[]> {
  const head = await store.head();
  if (head === undefined) return [];
  const byIncident = new Map<string, Folding[]>();
  let after: string | undefined;
  for (let done = false; !done;) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: pageSize });
    for (const event of page) {
      if (event.streamId.startsWith('incident-')) {
        const incidentId = event.streamId.slice('incident-'.length);
        const cycles = byIncident.get(incidentId) ?? [];
        foldCycleEvent(cycles, event.type, event.data);
        byIncident.set(incidentId, cycles);
      }
      // The log is ordered by checkpoint (PostgreSQL: transaction id first), so the head is found by its checkpoint.
      if (event.checkpoint === head.checkpoint) done = true;
      if (done) break;
    }
    after = page.at(-1)?.checkpoint ?? after;
    if (page.length < pageSize) done = true;
  }
  // A cycle belongs to the period its paging began in (finished cycles have at least one run).
  const inPeriod = (cycle: HistoricCycle) => {
    const began = Date.parse(cycle.runs[0]?.from ?? cycle.openedAt);
    return began >= from.getTime() && began < until.getTime();
  };
  return [...byIncident.entries()].flatMap(([incidentId, cycles]) => finished(incidentId, cycles).filter(inPeriod));
}
