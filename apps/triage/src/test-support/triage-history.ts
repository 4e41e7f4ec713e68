import { randomUUID } from 'node:crypto';
import { type IncidentCategory, type IncidentOpened, incidentStreamId, type Severity } from '@incident/domain';
import type { EventStore, NewEvent } from '@incident/event-store';
import { incidentOpenedEvent } from './incident-arrivals';

/** What history says was decided about one incident, as the triage consumer (or a person) recorded it. */
export interface HistoricTriage {
  readonly opened: Partial<IncidentOpened['data']>;
  readonly team: string;
  readonly ruleId: string;
  readonly severity?: Severity;
  readonly then?:
    | { readonly kind: 'no_action'; readonly reason: string }
    | { readonly kind: 'returned'; readonly downgradedTo: Severity }
    | { readonly kind: 'reclassified'; readonly team: string; readonly by: string };
}

const OPENED_AT = '2026-11-20T10:00:00.000Z';

function event<T extends string>(type: T, data: object, command: string, actor: string, causationId: string): NewEvent {
  return {
    type,
    data,
    metadata: {
      occurredAt: OPENED_AT,
      actor: { kind: actor === 'triage' ? 'system' : 'user', id: actor },
      correlationId: causationId,
      causationId,
      command,
    },
  };
}

/** The events of one incident's history: opened, triaged, then what followed. Legal for the incident decider. */
export function historyOf(incidentId: string, triage: HistoricTriage): NewEvent[] {
  const opened = incidentOpenedEvent(incidentId, { openedAt: OPENED_AT, ...triage.opened });
  const { category, severity } = opened.data as { category: IncidentCategory; severity: Severity };
  const classification = {
    incidentId,
    category,
    preApprovedMinutes: null,
    maintenanceWindowId: null,
    flags: [],
    triagedAt: OPENED_AT,
  };
  const cause = randomUUID();
  const events: NewEvent[] = [
    opened,
    event(
      'IncidentTriaged',
      {
        ...classification,
        severity: triage.severity ?? severity,
        owningTeam: triage.team,
        ruleId: triage.ruleId,
        ruleSetVersion: 1,
        reasons: [`rule ${triage.ruleId}`],
      },
      'TriageIncident',
      'triage',
      cause,
    ),
  ];
  const then = triage.then;
  if (then?.kind === 'no_action') {
    const data = { incidentId, reason: then.reason, decidedBy: 'triage', markedAt: OPENED_AT };
    events.push(event('IncidentMarkedNoAction', data, 'MarkIncidentNoAction', 'triage', cause));
  } else if (then?.kind === 'returned') {
    const data = {
      incidentId,
      reason: 'not subscribed',
      returnedBy: 'triage',
      previousSeverity: triage.severity ?? severity,
      downgradedTo: then.downgradedTo,
      returnedAt: OPENED_AT,
    };
    events.push(event('IncidentReturnedToCustomer', data, 'ReturnIncidentToCustomer', 'triage', cause));
  } else if (then?.kind === 'reclassified') {
    const data = {
      ...classification,
      severity,
      owningTeam: then.team,
      ruleId: `manual:${then.by}`,
      ruleSetVersion: null,
      reasons: ['a person knew better'],
    };
    events.push(event('IncidentReclassified', data, 'TriageIncident', then.by, randomUUID()));
  }
  return events;
}

/** Appends `count` incidents of one kind straight into the store, `concurrency` appends at a time; their ids. */
export async function appendHistory(
  store: Pick<EventStore, 'append'>,
  count: number,
  triage: HistoricTriage,
  concurrency = 32,
): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  for (let start = 0; start < ids.length; start += concurrency) {
    await Promise.all(
      ids
        .slice(start, start + concurrency)
        .map((id) => store.append(incidentStreamId(id), historyOf(id, triage), 'no_stream')),
    );
  }
  return ids;
}
