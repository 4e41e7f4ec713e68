import type { TimelineEntry } from '../../api/types';

export interface RemediationStep {
  readonly kind: 'remediation' | 'containment';
  readonly id: string;
  readonly action: string;
  readonly description: string;
  /** The last thing that happened to it, e.g. "approval requested", "executed", "lifted". */
  readonly status: string;
  readonly approval: string | null;
  readonly at: string;
}

const STEP_STATUS: Readonly<Record<string, string>> = {
  RemediationProposed: 'proposed',
  RemediationApprovalRequested: 'waiting for approval',
  RemediationApproved: 'approved',
  RemediationRejected: 'rejected',
  RemediationApprovalExpired: 'approval expired',
  RemediationApprovalWithdrawn: 'approval withdrawn',
  RemediationExecuted: 'executed',
  RemediationFailed: 'failed',
  ContainmentApplied: 'in place',
  ContainmentLifted: 'lifted',
};

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function approvalOf(entry: TimelineEntry): string | null {
  const by = text(entry.details['approvedBy']) ?? text(entry.details['rejectedBy']) ?? entry.actor.id;
  switch (entry.eventType) {
    case 'RemediationApprovalRequested':
      return `asked of ${text(entry.details['requestedFrom']) ?? 'the customer'}`;
    case 'RemediationApproved':
      return `approved by ${by}`;
    case 'RemediationRejected':
      return `rejected by ${by}${text(entry.details['reason']) ? `: ${text(entry.details['reason'])}` : ''}`;
    case 'RemediationApprovalExpired':
      return 'expired unanswered';
    case 'RemediationApprovalWithdrawn':
      return 'withdrawn';
    default:
      return null;
  }
}

/** Remediation steps and containments, as the incident's timeline tells them, oldest first. */
export function remediationSteps(timeline: readonly TimelineEntry[]): RemediationStep[] {
  const steps = new Map<string, RemediationStep>();
  for (const entry of timeline) {
    const status = STEP_STATUS[entry.eventType];
    if (status === undefined) continue;
    const kind = entry.eventType.startsWith('Containment') ? 'containment' : 'remediation';
    const id = text(entry.details[kind === 'containment' ? 'containmentId' : 'remediationId']);
    if (id === null) continue;
    const key = `${kind}:${id}`;
    const before = steps.get(key);
    steps.set(key, {
      kind,
      id,
      action: text(entry.details['action']) ?? before?.action ?? '—',
      description: text(entry.details['description']) ?? before?.description ?? '',
      status,
      approval: approvalOf(entry) ?? before?.approval ?? null,
      at: entry.occurredAt,
    });
  }
  return [...steps.values()];
}

/** What the customer was told and when: notifications, and status updates meant for the customer. */
export function customerUpdates(timeline: readonly TimelineEntry[]): TimelineEntry[] {
  return timeline.filter(
    (entry) =>
      entry.eventType === 'CustomerNotified' ||
      (entry.eventType === 'StatusUpdatePosted' && entry.details['audience'] === 'customer'),
  );
}
