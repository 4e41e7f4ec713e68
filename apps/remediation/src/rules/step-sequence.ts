import type { FailurePolicy } from '@incident/directory';
import { findRemediation, type IncidentEvent, type IncidentState, type RemediationDecision } from '@incident/domain';
import { decisionOf, failuresOf } from './next-attempt';

/**
 * Where a runbook remediation stands in its runbook's order: `now` when it may run (or be sent for approval),
 * `waiting` while the step before it is still under way (proposed, awaiting approval, or failed with retries
 * left), `halted` when the step before it ended without clearing the way (rejected, expired, or failed for good
 * with `then: page` or `stop`): the responders take over from there.
 */
export type Turn = 'now' | 'waiting' | 'halted';

/**
 * Whether a remediation's turn has come. Pure. The first step of a runbook, a person's proposal (no decision) and
 * a proposal from before steps ran in order (no `after`) run at once; each later step once its predecessor
 * executed, or failed after its last retry with `then: next`.
 */
export function turnOf(
  state: IncidentState,
  history: readonly IncidentEvent[],
  remediationId: string,
  policy: (decision: RemediationDecision) => FailurePolicy,
): Turn {
  const after = decisionOf(history, remediationId)?.after;
  if (after === undefined || after === null) return 'now';
  if (state.status === 'initial') return 'waiting';
  const previous = findRemediation(state, after);
  const decision = decisionOf(history, after);
  if (previous === undefined || decision === undefined) return 'waiting';
  switch (previous.status) {
    case 'executed':
      return 'now';
    case 'rejected':
    case 'expired':
      return 'halted';
    case 'failed': {
      const { retries, then } = policy(decision);
      if (failuresOf(history, after) <= retries) return 'waiting';
      return then === 'next' ? 'now' : 'halted';
    }
    case 'proposed':
    case 'approval_requested':
    case 'approved':
      return 'waiting';
  }
}

/** The proposals that wait on this remediation (a runbook's order makes it at most one). */
export function successorsOf(history: readonly IncidentEvent[], remediationId: string): string[] {
  return history.flatMap((event) =>
    event.type === 'RemediationProposed' && event.data.decision?.after === remediationId
      ? [event.data.remediationId]
      : [],
  );
}

/** The proposal's data, as recorded (a person's carries no decision). */
export function proposalOf(history: readonly IncidentEvent[], remediationId: string) {
  for (const event of history) {
    if (event.type === 'RemediationProposed' && event.data.remediationId === remediationId) return event.data;
  }
  return undefined;
}
