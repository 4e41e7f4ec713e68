import type { EscalateIncident, IncidentOpened, IncidentStatus, IsoTimestamp } from '@incident/domain';

/** How long an incident the rules left for a person may wait for one. */
export interface TriageDeadlinePolicy {
  readonly untriagedMinutes: number;
}

export const DEFAULT_TRIAGE_DEADLINE_POLICY: TriageDeadlinePolicy = { untriagedMinutes: 15 };

/** One deadline per incident, for good: a redelivered IncidentOpened schedules the same key again. */
export const triageDeadlineKey = (incidentId: string): string => `triage-deadline:${incidentId}`;

export interface TriageDeadline {
  readonly key: string;
  readonly dueAt: IsoTimestamp;
  readonly incidentId: string;
}

/**
 * An incident still untriaged gets a deadline, counted from when it opened (not from when this replica
 * happened to read the event). Pure, like every rule.
 */
export function triageDeadline(
  opened: IncidentOpened['data'],
  status: IncidentStatus,
  policy: TriageDeadlinePolicy,
): TriageDeadline | null {
  if (status !== 'triggered') return null;
  const dueAt = new Date(Date.parse(opened.openedAt) + policy.untriagedMinutes * 60_000).toISOString();
  return { key: triageDeadlineKey(opened.incidentId), dueAt, incidentId: opened.incidentId };
}

/**
 * At the deadline, an incident nobody triaged is escalated one level (the handbook's "ask for help"). Its
 * reason is checked again here: a cancel does not stop a firing already under way, and the domain would not
 * refuse, since an escalation is legal in any open status.
 */
export function escalateUntriaged(
  incident: { readonly incidentId: string; readonly status: IncidentStatus; readonly escalationLevel: number },
  policy: TriageDeadlinePolicy,
  dueAt: IsoTimestamp,
): EscalateIncident | null {
  if (incident.status !== 'triggered') return null;
  return {
    type: 'EscalateIncident',
    data: {
      incidentId: incident.incidentId,
      reason: 'timeout',
      toLevel: incident.escalationLevel + 1,
      note: `not triaged within ${policy.untriagedMinutes} minutes`,
      escalatedAt: dueAt,
    },
  };
}
