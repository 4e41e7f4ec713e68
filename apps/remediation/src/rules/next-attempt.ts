import { DEFAULT_FAILURE_POLICY, type FailurePolicy, type RunbookSet } from '@incident/directory';
import type { IncidentEvent, IncidentState, RemediationDecision } from '@incident/domain';
import { findRemediation } from '@incident/domain';

export interface NextAttempt {
  readonly attempt: number;
  readonly decision: RemediationDecision & { readonly executor: string };
  readonly action: string;
}

/** The proposal's decision, when the remediation service proposed it (a person's proposal has none). */
export function decisionOf(history: readonly IncidentEvent[], remediationId: string): RemediationDecision | undefined {
  for (const event of history) {
    if (event.type === 'RemediationProposed' && event.data.remediationId === remediationId) return event.data.decision;
  }
  return undefined;
}

export const failuresOf = (history: readonly IncidentEvent[], remediationId: string): number =>
  history.filter((event) => event.type === 'RemediationFailed' && event.data.remediationId === remediationId).length;

/** The step's failure policy in the runbook version in force (a step since removed keeps the default). */
export function failurePolicyOf(set: RunbookSet | undefined, decision: RemediationDecision): FailurePolicy {
  const step = set?.runbooks
    .find((runbook) => runbook.id === decision.runbookId)
    ?.steps.find((candidate) => candidate.id === decision.stepId);
  return step?.kind === 'automated' ? (step.onFailure ?? DEFAULT_FAILURE_POLICY) : DEFAULT_FAILURE_POLICY;
}

/**
 * Whether a remediation may run now, and as which attempt. This is where "nothing cost-changing runs without
 * an approval" is kept before any executor is called (the decider would refuse only the record afterwards): a
 * remediation needing approval runs only once approved. A failed one runs again while retries remain. The
 * attempt number counts the failures recorded, so a crash before recording repeats the same attempt (and key).
 */
export function nextAttempt(
  state: IncidentState,
  history: readonly IncidentEvent[],
  remediationId: string,
  policy: (decision: RemediationDecision) => FailurePolicy,
): NextAttempt | null {
  if (state.status === 'initial') return null;
  const record = findRemediation(state, remediationId);
  const decision = decisionOf(history, remediationId);
  if (record === undefined || decision === undefined || decision.executor === null) return null;
  const failures = failuresOf(history, remediationId);
  const runnable =
    record.status === 'approved' ||
    (record.status === 'proposed' && !record.requiresApproval) ||
    (record.status === 'failed' && failures <= policy(decision).retries);
  if (!runnable) return null;
  return { attempt: failures + 1, decision: { ...decision, executor: decision.executor }, action: record.action };
}
