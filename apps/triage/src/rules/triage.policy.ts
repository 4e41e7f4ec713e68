import type {
  IncidentDetails,
  IsoTimestamp,
  MarkIncidentNoAction,
  NotifyCustomer,
  ReturnIncidentToCustomer,
  TriageIncident,
} from '@incident/domain';
import type { TriageEvaluation } from './index';

/** What triage issues for one decision, in this order: the classification, then the disposition, then the word. */
export type TriageCommand = TriageIncident | MarkIncidentNoAction | ReturnIncidentToCustomer | NotifyCustomer;

/** A person's triage is named `manual:<who>`; automatic triage never overrules it (issue 14, item 3). */
export const isPersonsClassification = (ruleId: string | null): boolean => ruleId?.startsWith('manual:') ?? false;

/**
 * The rules' decision as commands (`[]`: the rules left it for a person). Pure: the evaluation and the time in,
 * the commands out. A disposition needs the incident classified first (the domain refuses `no_action` on a
 * `triggered` incident), so TriageIncident comes first; the customer notification comes last, once the incident
 * says why it was returned.
 */
export function triageCommands(
  incidentId: string,
  evaluation: TriageEvaluation,
  triagedAt: IsoTimestamp,
): TriageCommand[] {
  const { decision, ruleId } = evaluation;
  if (decision.kind !== 'triage' || ruleId === null) return [];
  const triage: TriageIncident = {
    type: 'TriageIncident',
    data: {
      incidentId,
      severity: decision.severity,
      category: decision.category,
      owningTeam: decision.owningTeam,
      ruleId,
      ...(evaluation.ruleSetVersion !== null && { ruleSetVersion: evaluation.ruleSetVersion }),
      reasons: evaluation.reasons,
      ...(decision.maintenanceWindowId !== null && { maintenanceWindowId: decision.maintenanceWindowId }),
      flags: decision.flags,
      triagedAt,
    },
  };
  const disposition: TriageCommand[] = [];
  if (decision.disposition?.kind === 'no_action') {
    disposition.push({
      type: 'MarkIncidentNoAction',
      data: { incidentId, reason: decision.disposition.reason, decidedBy: ruleId, markedAt: triagedAt },
    });
  }
  if (decision.disposition?.kind === 'return_to_customer') {
    const { reason, downgradeTo } = decision.disposition;
    disposition.push({
      type: 'ReturnIncidentToCustomer',
      data: { incidentId, reason, returnedBy: ruleId, ...(downgradeTo && { downgradeTo }), returnedAt: triagedAt },
    });
  }
  const notification: TriageCommand[] =
    decision.customerNotification === null
      ? []
      : [
          {
            type: 'NotifyCustomer',
            data: {
              incidentId,
              channel: 'email',
              message: decision.customerNotification,
              notifiedBy: ruleId,
              notifiedAt: triagedAt,
            },
          },
        ];
  return [triage, ...disposition, ...notification];
}

/**
 * A reopened incident a person had classified keeps their classification: the rules do not overrule them on
 * the next cycle either. `null` when the last classification was not a person's.
 */
export function keepPersonsClassification(
  incident: Pick<IncidentDetails, 'incidentId' | 'severity' | 'category' | 'owningTeam' | 'triageRuleId'>,
  triagedAt: IsoTimestamp,
): TriageIncident | null {
  const { incidentId, severity, category, owningTeam, triageRuleId } = incident;
  if (!isPersonsClassification(triageRuleId) || !severity || !category || !owningTeam || !triageRuleId) return null;
  return {
    type: 'TriageIncident',
    data: {
      incidentId,
      severity,
      category,
      owningTeam,
      ruleId: triageRuleId,
      reasons: [`reopened: kept the classification of ${triageRuleId.slice('manual:'.length)}`],
      triagedAt,
    },
  };
}
