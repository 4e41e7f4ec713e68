import {
  type AutomatedStep,
  type Customer,
  DEFAULT_FAILURE_POLICY,
  type Runbook,
  SCALING_ACTIONS,
  type Service,
} from '@incident/directory';
import type { ContainmentAction, RemediationAction } from '@incident/domain';
import type { PlannedRemediation, PlannedStep } from './planned-step';
import type { RemediationFacts } from './remediation-facts';
import { scalingFigures } from './scaling-figures';

export type ServiceLimits = Service['autoscale'];

/** The runbook chosen and the applied version it came from (`null`: a file not applied, as in tests). */
export interface ChosenRunbook {
  readonly runbook: Runbook;
  readonly version: number | null;
}

const CONTAINMENT: Partial<Record<AutomatedStep['action'], ContainmentAction>> = {
  isolate: 'isolate_component',
  redirect_traffic: 'redirect_traffic',
};

/** Remediation ids name the runbook and step, so a plan made twice proposes the same remediations. */
export const remediationIdOf = (runbookId: string, stepId: string): string => `${runbookId}.${stepId}`;

function remediation(
  step: AutomatedStep,
  chosen: ChosenRunbook,
  facts: RemediationFacts,
  limits: ServiceLimits | undefined,
  customer: Customer | undefined,
  gate: string | null,
  after: string | null,
): PlannedRemediation {
  const { runbook, version } = chosen;
  const scaling = SCALING_ACTIONS.includes(step.action);
  const figures = scaling
    ? scalingFigures(step, facts.currentSize, limits, customer)
    : { reasons: [], monthlyCostDelta: 0, currency: customer?.approvalThresholdPerMonth.currency ?? 'EUR', table: {} };
  const reasons = [...figures.reasons, ...(gate === null ? [] : [`follows the approval gate ${gate}`])];
  const approver = customer?.contacts.find((contact) => contact.approvesCostChanges)?.email ?? null;
  const targetSize = figures.table['targetSize'];
  return {
    kind: 'remediation',
    stepId: step.id,
    remediationId: remediationIdOf(runbook.id, step.id),
    action: step.action as RemediationAction,
    description: step.description,
    requiresApproval: reasons.length > 0,
    monthlyCostDelta: figures.monthlyCostDelta,
    currency: figures.currency,
    approver,
    decision: {
      outcome: reasons.length > 0 ? 'needs_approval' : 'within_limits',
      reasons,
      runbookId: runbook.id,
      runbookVersion: version,
      stepId: step.id,
      executor: step.executor,
      parameters: {
        service: facts.service,
        customer: facts.customerId,
        action: step.action,
        ...(step.by !== undefined && { by: step.by }),
        ...(facts.currentSize !== null && { currentSize: facts.currentSize }),
        ...(typeof targetSize === 'number' && { targetSize }),
      },
      figures: figures.table,
      after,
    },
    onFailure: step.onFailure ?? DEFAULT_FAILURE_POLICY,
  };
}

/**
 * The runbook's steps for this incident, containment first (an exploit is contained before anything else is
 * tried), each automated step decided: within the service's autoscale limits and below the customer's approval
 * threshold it runs at once; beyond either, after an approval gate, or where a figure is unknown, it waits for
 * the customer. Each automated step names the one before it (`decision.after`): it runs only after that one
 * (rules/step-sequence.ts). Pure: the directory's service limits and customer come in as arguments.
 */
export function planRemediation(
  facts: RemediationFacts,
  chosen: ChosenRunbook,
  limits: ServiceLimits | undefined,
  customer: Customer | undefined,
): PlannedStep[] {
  const containment: PlannedStep[] = [];
  const rest: PlannedStep[] = [];
  let gate: string | null = null;
  // Automated steps run one after the other, in the runbook's order (containment is apart: it runs first).
  let previous: string | null = null;
  for (const step of chosen.runbook.steps) {
    switch (step.kind) {
      case 'approval':
        gate ??= step.id;
        break;
      case 'manual':
        rest.push({ kind: 'manual', stepId: step.id, description: step.description });
        break;
      case 'notify':
        rest.push({ kind: 'notify', stepId: step.id, message: step.message });
        break;
      case 'automated': {
        const action = CONTAINMENT[step.action];
        if (action === undefined) {
          const planned = remediation(step, chosen, facts, limits, customer, gate, previous);
          rest.push(planned);
          previous = planned.remediationId;
          break;
        }
        containment.push({
          kind: 'containment',
          stepId: step.id,
          containmentId: remediationIdOf(chosen.runbook.id, step.id),
          action,
          description: step.description,
          executor: step.executor,
          onFailure: step.onFailure ?? DEFAULT_FAILURE_POLICY,
        });
        break;
      }
    }
  }
  return [...containment, ...rest];
}
