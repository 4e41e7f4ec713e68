import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DirectoryReader } from '@incident/directory';
import { findRemediation } from '@incident/domain';
import { type Channel, deliverWithFallback, NOTIFY_CHANNELS, OneClickLinks } from '@incident/notify';
import { PINO_LOGGER } from '@incident/platform';
import { IncidentFacts } from '../incident-facts';
import { decisionOf } from '../rules/next-attempt';
import { approvalRequestMessage } from './approval-request.message';

export type ApprovalMail = 'request' | 'reminder';

/**
 * Mails the pending approval request of a remediation to the contact it names, with signed single-use approve and
 * reject links expiring with the request; a reminder is the same mail again, marked so. The idempotency key names
 * the request (its deadline) and the kind, so a redelivered event sends a message the mail system recognises as
 * the same one (same Message-ID). Nothing is sent for a drill, or once the request was answered or replaced.
 */
@Injectable()
export class ApprovalRequests {
  constructor(
    @Inject(NOTIFY_CHANNELS) private readonly channels: readonly Channel[],
    @Inject(OneClickLinks) private readonly links: OneClickLinks,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(DirectoryReader) private readonly directory: DirectoryReader,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  async send(incidentId: string, remediationId: string, validUntil: string, kind: ApprovalMail): Promise<void> {
    const { state, history } = await this.incidents.of(incidentId);
    // Drills never reach customers: the request stands (and expires) in the history, nobody is mailed.
    if (state.status === 'initial' || state.drill) return;
    const remediation = findRemediation(state, remediationId);
    const request = remediation?.approval;
    if (remediation?.status !== 'approval_requested' || !request || request.validUntil !== validUntil) return;
    const proposal = history.find(
      (candidate) => candidate.type === 'RemediationProposed' && candidate.data.remediationId === remediationId,
    );
    const customer = this.directory.current()?.directory.customers.find((c) => c.id === state.customerId);
    const contact = customer?.contacts.find((candidate) => candidate.email === request.requestedFrom);
    const expiresAt = new Date(validUntil);
    const link = (action: 'approve' | 'reject') =>
      this.links.issue({ action, incidentId, subject: remediationId, person: request.requestedFrom, expiresAt }).link;
    const message = approvalRequestMessage(
      {
        incidentId,
        remediationId,
        service: state.service,
        description: proposal?.type === 'RemediationProposed' ? proposal.data.description : remediationId,
        monthlyCostDelta: request.monthlyCostDelta ?? 0,
        currency: request.currency ?? '',
        reasons: decisionOf(history, remediationId)?.reasons ?? [],
        validUntil,
        contactName: contact?.name,
        contactEmail: request.requestedFrom,
      },
      [link('approve'), link('reject')],
      kind === 'reminder',
    );
    const key = `approval-${kind}:${incidentId}:${remediationId}:${Date.parse(validUntil)}`;
    const contacts = [{ kind: 'email' as const, address: request.requestedFrom }];
    const result = await deliverWithFallback(this.channels, message, contacts, { idempotencyKey: key });
    // A request nobody received still expires on its timer, and the on-call hears of it then.
    if (result.status === 'failed') {
      this.logger.warn(
        { incidentId, remediationId, kind, attempts: result.attempts.length },
        'approval mail undelivered',
      );
    }
  }
}
