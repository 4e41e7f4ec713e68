import type { IncidentCategory, IncidentOpened, IncidentStatus, IsoTimestamp, TriageIncident } from '@incident/domain';

/** The rule set in force: which team owns each category (DESIGN.md §2 routing), and the rule's name. */
export interface TriagePolicy {
  /** Recorded on every IncidentTriaged it produces, so an auditor sees which rule decided. */
  readonly ruleId: string;
  readonly owningTeams: Readonly<Partial<Record<IncidentCategory, string>>>;
}

/**
 * Infrastructure problems go to the infrastructure team, application problems to application support,
 * exploits to security (DESIGN.md §2). Entitlement (application support only if subscribed) is a later rule.
 */
export const DEFAULT_TRIAGE_POLICY: TriagePolicy = {
  ruleId: 'triage.owning-team.v1',
  owningTeams: {
    'resources.underutilized': 'infrastructure',
    'resources.exhausted': 'infrastructure',
    'availability.downtime': 'infrastructure',
    'errors.high_rate': 'application-support',
    'defect.bug': 'application-support',
    'security.exploit': 'security',
  },
};

/**
 * Facts in, a command out: an incident opened with a severity and a category this policy knows is triaged at
 * once, to the category's team. Anything less is left for a person (`null`): guessing a severity would page
 * the wrong people. Only while the incident is still `triggered`: one a person has triaged since (or that is
 * long closed, when a new replica catches up on history) is not second-guessed. Pure: the status and the time
 * arrive as arguments, nothing is read or written.
 */
export function triageOpenedIncident(
  opened: IncidentOpened['data'],
  status: IncidentStatus,
  policy: TriagePolicy,
  triagedAt: IsoTimestamp,
): TriageIncident | null {
  const { incidentId, severity, category } = opened;
  if (status !== 'triggered' || severity === null || category === null) return null;
  const owningTeam = Object.hasOwn(policy.owningTeams, category) ? policy.owningTeams[category] : undefined;
  if (owningTeam === undefined) return null;
  return {
    type: 'TriageIncident',
    data: { incidentId, severity, category, owningTeam, ruleId: policy.ruleId, triagedAt },
  };
}
