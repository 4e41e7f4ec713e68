import type { IncidentEventType } from '@incident/domain';
import type { ProjectedEvent } from '../projection/projected-event';
import type { TriageDecision } from './triage-decision.entity';
import { reasonsOf, ruleSetVersionOf } from './triage-provenance';

export const TRIAGE_DECISION_EVENTS: ReadonlySet<IncidentEventType> = new Set<IncidentEventType>([
  'IncidentTriaged',
  'IncidentReclassified',
]);

/** The decision an event records; undefined for events that decide no classification. */
export function triageDecisionFor({ event, placement }: ProjectedEvent): TriageDecision | undefined {
  if (event.type !== 'IncidentTriaged' && event.type !== 'IncidentReclassified') return undefined;
  const { data } = event;
  return {
    incidentId: placement.incidentId,
    streamRevision: placement.streamRevision,
    decision: event.type === 'IncidentTriaged' ? 'triaged' : 'reclassified',
    decidedAt: new Date(data.triagedAt),
    decidedByKind: placement.actor.kind,
    decidedBy: placement.actor.id,
    ruleSetVersion: ruleSetVersionOf(data),
    ruleId: data.ruleId,
    reasons: reasonsOf(data),
    category: data.category,
    severity: data.severity,
    team: data.owningTeam,
  };
}
