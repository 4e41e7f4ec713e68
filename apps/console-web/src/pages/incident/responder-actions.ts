import {
  INCIDENT_CATEGORIES,
  type IncidentCommandType,
  SEVERITIES,
  STATUS_UPDATE_AUDIENCES,
  TIME_KINDS,
} from '@incident/domain';
import type { IncidentSummary } from '../../api/types';

export type Field =
  | { readonly name: string; readonly label: string; readonly kind: 'text' | 'long-text'; readonly required: boolean }
  | { readonly name: string; readonly label: string; readonly kind: 'number'; readonly required: boolean }
  | {
      readonly name: string;
      readonly label: string;
      readonly kind: 'choice';
      readonly required: boolean;
      readonly choices: readonly string[];
    };

export type FormValues = Readonly<Record<string, string>>;

/** One thing a responder may do to an incident: the route of the owning service and the body it takes. */
export interface ResponderAction {
  readonly id: string;
  readonly label: string;
  readonly path: (incidentId: string) => string;
  readonly fields: readonly Field[];
  /** Values filled in when the form opens, from what the incident is now. */
  readonly initial?: (incident: IncidentSummary) => FormValues;
  readonly color?: string;
  /** The domain command the route issues. */
  readonly command?: IncidentCommandType;
  /** Review edits name the revision they were made on: the one the page shows (409 if the incident moved on). */
  readonly sendsRevision?: boolean;
}

const reason = (label = 'Reason'): Field => ({ name: 'reason', label, kind: 'long-text', required: true });
const summary: Field = { name: 'summary', label: 'Summary', kind: 'long-text', required: true };
const on = (incidentId: string, what: string) => `/v1/incidents/${incidentId}/${what}`;

export const RESPONDER_ACTIONS: readonly ResponderAction[] = [
  {
    id: 'acknowledge',
    command: 'AcknowledgeIncident',
    label: 'Acknowledge',
    path: (id) => on(id, 'acknowledge'),
    fields: [],
  },
  {
    id: 'escalate',
    command: 'EscalateIncident',
    label: 'Ask for help',
    path: (id) => on(id, 'escalate'),
    fields: [reason('Why help is needed')],
  },
  {
    id: 'reassign',
    command: 'ReassignIncident',
    label: 'Reassign',
    path: (id) => on(id, 'reassign'),
    fields: [
      { name: 'assigneeKind', label: 'Hand to a', kind: 'choice', required: true, choices: ['person', 'team'] },
      { name: 'assignee', label: 'Person or team id', kind: 'text', required: true },
      reason(),
    ],
    initial: () => ({ assigneeKind: 'person' }),
  },
  {
    id: 'severity',
    command: 'ChangeSeverity',
    label: 'Change severity',
    path: (id) => on(id, 'severity'),
    fields: [{ name: 'severity', label: 'Severity', kind: 'choice', required: true, choices: SEVERITIES }, reason()],
    initial: (incident) => ({ severity: incident.severity ?? '' }),
  },
  {
    id: 'triage',
    command: 'TriageIncident',
    label: 'Triage / reclassify',
    path: (id) => on(id, 'triage'),
    fields: [
      { name: 'severity', label: 'Severity', kind: 'choice', required: true, choices: SEVERITIES },
      { name: 'category', label: 'Category', kind: 'choice', required: true, choices: INCIDENT_CATEGORIES },
      { name: 'owningTeam', label: 'Owning team', kind: 'text', required: true },
      reason(),
    ],
    initial: (incident) => ({
      severity: incident.severity ?? '',
      category: incident.category ?? '',
      owningTeam: incident.team ?? '',
    }),
  },
  {
    id: 'no-action',
    command: 'MarkIncidentNoAction',
    label: 'No action needed',
    path: (id) => on(id, 'no-action'),
    fields: [reason()],
  },
  {
    id: 'return-to-customer',
    command: 'ReturnIncidentToCustomer',
    label: 'Return to customer',
    path: (id) => on(id, 'return-to-customer'),
    fields: [
      reason(),
      { name: 'downgradeTo', label: 'Downgrade to (optional)', kind: 'choice', required: false, choices: SEVERITIES },
    ],
  },
  {
    id: 'status-update',
    command: 'PostStatusUpdate',
    label: 'Status update',
    path: (id) => on(id, 'status-updates'),
    fields: [
      { name: 'audience', label: 'Audience', kind: 'choice', required: true, choices: STATUS_UPDATE_AUDIENCES },
      { name: 'message', label: 'Message', kind: 'long-text', required: true },
    ],
    initial: () => ({ audience: 'internal' }),
  },
  {
    id: 'log-time',
    command: 'LogTime',
    label: 'Log time',
    path: (id) => on(id, 'time'),
    fields: [
      { name: 'minutes', label: 'Minutes', kind: 'number', required: true },
      { name: 'kind', label: 'Kind of work', kind: 'choice', required: true, choices: TIME_KINDS },
      { name: 'note', label: 'Note (optional)', kind: 'text', required: false },
      { name: 'overrunReason', label: 'Why, if over the pre-approved hours', kind: 'text', required: false },
    ],
    initial: () => ({ kind: 'corrective' }),
  },
  {
    id: 'mitigate',
    command: 'MitigateIncident',
    label: 'Mitigate',
    path: (id) => on(id, 'mitigate'),
    fields: [summary],
  },
  { id: 'resolve', command: 'ResolveIncident', label: 'Resolve', path: (id) => on(id, 'resolve'), fields: [summary] },
  {
    id: 'waive-review',
    command: 'WaiveReview',
    label: 'Waive review',
    path: (id) => on(id, 'review/waive'),
    fields: [reason('Why no review is needed')],
    sendsRevision: true,
  },
];

/**
 * Why a button is not offered now, or null. Only one case is foreseen here: the signed-in person acknowledged the
 * incident already (acknowledging stays legal while acknowledged, so that someone else can take it over, so a
 * second click would be accepted and record nothing new). Everything else is left to the service, whose 409 the
 * page puts in words: the incident may have moved on since the page last heard.
 */
export function unavailableReason(action: ResponderAction, incident: IncidentSummary, subject: string): string | null {
  const mine = incident.assigneeKind === 'person' && incident.assignee === subject;
  if (action.command === 'AcknowledgeIncident' && incident.status === 'acknowledged' && mine) {
    return 'You acknowledged it';
  }
  return null;
}

/**
 * The request body from the form: blanks left out (the API refuses an empty optional string), numbers as
 * numbers, the incident's revision where the action sends it. `missing` names the first required field left empty.
 */
export function bodyOf(
  action: ResponderAction,
  values: FormValues,
  incident?: Pick<IncidentSummary, 'lastRevision'>,
): { body: Record<string, unknown> } | { missing: string } {
  const body: Record<string, unknown> = {};
  for (const field of action.fields) {
    const value = (values[field.name] ?? '').trim();
    if (value === '') {
      if (field.required) return { missing: field.label };
      continue;
    }
    body[field.name] = field.kind === 'number' ? Number(value) : value;
  }
  if (action.sendsRevision && incident) body['revision'] = incident.lastRevision;
  return { body };
}
