import type { TriageEvaluation } from '../triage-rule-set';
import { type Disposition, type TriageOutcome, UNTRIAGED } from './triage-outcome';

const DISPOSITION: Readonly<Record<'no_action' | 'return_to_customer', Disposition>> = {
  no_action: 'no_action',
  return_to_customer: 'returned_to_customer',
};

/**
 * What a rule set's evaluation would have made of the incident, in the terms history records it: a return to
 * the customer carries the downgraded severity (as IncidentReturnedToCustomer does), and a decision pages only
 * when it routes to a team outside a drill and outside a maintenance window (escalation pages on neither).
 */
export function proposedOutcome(evaluation: TriageEvaluation): TriageOutcome {
  const { decision, ruleId } = evaluation;
  if (decision.kind === 'leave_for_person') return { ...UNTRIAGED, ruleId };
  const disposition = decision.disposition === null ? 'routed' : DISPOSITION[decision.disposition.kind];
  const severity =
    decision.disposition?.kind === 'return_to_customer'
      ? (decision.disposition.downgradeTo ?? decision.severity)
      : decision.severity;
  return {
    category: decision.category,
    severity,
    owningTeam: decision.owningTeam,
    disposition,
    ruleId,
    pages: disposition === 'routed' && !decision.drill && decision.maintenanceWindowId === null,
  };
}
