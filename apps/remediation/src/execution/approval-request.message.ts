import type { MessageForTarget, MessageLink } from '@incident/notify';

export interface ApprovalRequestFacts {
  readonly incidentId: string;
  readonly remediationId: string;
  readonly service: string;
  readonly description: string;
  readonly monthlyCostDelta: number;
  readonly currency: string;
  readonly reasons: readonly string[];
  readonly validUntil: string;
  readonly contactName: string | undefined;
  readonly contactEmail: string;
}

const signed = (amount: number): string => (amount > 0 ? `+${amount}` : `${amount}`);

/** What the approving contact reads: what would change, what it costs a month, why we ask, until when. */
export function approvalRequestMessage(
  facts: ApprovalRequestFacts,
  links: readonly MessageLink[],
  reminder = false,
): MessageForTarget {
  const cost = `${signed(facts.monthlyCostDelta)} ${facts.currency} a month`;
  return {
    kind: reminder ? 'reminder' : 'approval-request',
    subject: `${reminder ? 'Reminder: approval' : 'Approval'} needed: ${facts.description} (${facts.service}, ${cost})`,
    text: [
      `We propose to ${facts.description.replace(/\.$/, '').toLowerCase()} on ${facts.service}.`,
      `It changes your monthly cost by ${cost}.`,
      ...(facts.reasons.length > 0 ? [`We ask first because ${facts.reasons.join('; ')}.`] : []),
      `Nothing changes unless you approve. The request lapses at ${facts.validUntil}.`,
    ].join('\n'),
    links,
    recipient: { id: facts.contactEmail, ...(facts.contactName !== undefined && { name: facts.contactName }) },
    incidentId: facts.incidentId,
    details: { remediationId: facts.remediationId, service: facts.service, monthlyCostDelta: facts.monthlyCostDelta },
  };
}
