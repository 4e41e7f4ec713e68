import type { IncidentEvent, IncidentOpened, IsoTimestamp } from '@incident/domain';
import { type TriageOutcome, UNTRIAGED } from './triage-outcome';

/** Who made the decision in force: the rules (automatic triage) or a person (`manual:<subject>` rule ids). */
export type DecidedBy = 'rules' | 'person' | null;

/**
 * An incident as a what-if needs it: the facts it was opened with, and what was actually decided about it
 * (the last classification and disposition in its history, IncidentTriaged / IncidentReclassified /
 * IncidentMarkedNoAction / IncidentReturnedToCustomer).
 */
export interface HistoricIncident {
  readonly opened: IncidentOpened['data'];
  /** When the store recorded the opening: the moment whose directory and rules the decision was made under. */
  readonly recordedAt: IsoTimestamp;
  readonly actual: TriageOutcome;
  readonly decidedBy: DecidedBy;
}

const MANUAL_RULE = /^manual:/;

/** A routed incident pages unless it is a drill (flag or label, as triageFactsOf reads it) or was in a window. */
const routedPages = (opened: IncidentOpened['data'], maintenanceWindowId: string | null): boolean =>
  !(opened.drill || opened.labels['drill'] === 'true') && maintenanceWindowId === null;

/**
 * Folds one more event of an incident's stream into what the what-if keeps of it. Pure, one event at a time,
 * so a reader of the global log keeps only this small value per incident, never the events themselves.
 * Events before IncidentOpened (none, in a well-formed stream) and events that triage does not decide are
 * ignored.
 */
export function foldHistoricIncident(
  incident: HistoricIncident | undefined,
  event: IncidentEvent,
  recordedAt: IsoTimestamp,
): HistoricIncident | undefined {
  if (event.type === 'IncidentOpened') {
    return incident ?? { opened: event.data, recordedAt, actual: UNTRIAGED, decidedBy: null };
  }
  if (incident === undefined) return undefined;
  switch (event.type) {
    case 'IncidentTriaged':
    case 'IncidentReclassified': {
      const { category, severity, owningTeam, ruleId, maintenanceWindowId } = event.data;
      // A reclassification keeps an earlier disposition: the domain allows it only while the incident is open.
      const disposition = incident.actual.disposition === 'untriaged' ? 'routed' : incident.actual.disposition;
      return {
        ...incident,
        actual: {
          category,
          severity,
          owningTeam,
          ruleId,
          disposition,
          pages: disposition === 'routed' && routedPages(incident.opened, maintenanceWindowId),
        },
        decidedBy: MANUAL_RULE.test(ruleId) ? 'person' : 'rules',
      };
    }
    case 'IncidentMarkedNoAction':
      return { ...incident, actual: { ...incident.actual, disposition: 'no_action', pages: false } };
    case 'IncidentReturnedToCustomer':
      return {
        ...incident,
        actual: {
          ...incident.actual,
          disposition: 'returned_to_customer',
          severity: event.data.downgradedTo ?? event.data.previousSeverity,
          pages: false,
        },
      };
    default:
      return incident;
  }
}
