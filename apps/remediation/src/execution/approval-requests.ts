import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DirectoryReader } from '@incident/directory';
import type { RecordedIncidentEvent } from '@incident/messaging';
import { type Channel, deliverWithFallback, NOTIFY_CHANNELS, OneClickLinks } from '@incident/notify';
import { PINO_LOGGER } from '@incident/platform';
import { IncidentFacts } from '../incident-facts';
import { decisionOf } from '../rules/next-attempt';
import { ApprovalExpiryTimers } from '../timers/approval-expiry.timers';
import { approvalRequestMessage } from './approval-request.message';

/**
 * Delivers a recorded approval request to the contact it names, with signed single-use approve and reject links
 * expiring with the request, and sets the expiry timer. The e-mail's idempotency key names the request, so a
 * redelivered event sends a message the mail system recognises as the same one (same Message-ID).
 */
@Injectable()
export class ApprovalRequests {
  constructor(
    @Inject(NOTIFY_CHANNELS) private readonly channels: readonly Channel[],
    @Inject(OneClickLinks) private readonly links: OneClickLinks,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(DirectoryReader) private readonly directory: DirectoryReader,
    @Inject(ApprovalExpiryTimers) private readonly timers: ApprovalExpiryTimers,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  async deliver(event: RecordedIncidentEvent<'RemediationApprovalRequested'>): Promise<void> {
    const { incidentId, remediationId, requestedFrom, monthlyCostDelta, currency, validUntil } = event.data;
    if (validUntil === null) return; // a v1 request, from before requests expired: nothing to send or time
    await this.timers.schedule(incidentId, remediationId, validUntil);
    const { state, history } = await this.incidents.of(incidentId);
    // Drills never reach customers: the request stands (and expires) in the history, nobody is mailed.
    if (state.status === 'initial' || state.drill) return;
    const proposal = history.find(
      (candidate) => candidate.type === 'RemediationProposed' && candidate.data.remediationId === remediationId,
    );
    const customer = this.directory.current()?.directory.customers.find((c) => c.id === state.customerId);
    const contact = customer?.contacts.find((candidate) => candidate.email === requestedFrom);
    const expiresAt = new Date(validUntil);
    const link = (action: 'approve' | 'reject') =>
      this.links.issue({ action, incidentId, subject: remediationId, person: requestedFrom, expiresAt }).link;
    const message = approvalRequestMessage(
      {
        incidentId,
        remediationId,
        service: state.service,
        description: proposal?.type === 'RemediationProposed' ? proposal.data.description : remediationId,
        monthlyCostDelta: monthlyCostDelta ?? 0,
        currency: currency ?? '',
        reasons: decisionOf(history, remediationId)?.reasons ?? [],
        validUntil,
        contactName: contact?.name,
        contactEmail: requestedFrom,
      },
      [link('approve'), link('reject')],
    );
    const result = await deliverWithFallback(this.channels, message, [{ kind: 'email', address: requestedFrom }], {
      idempotencyKey: `approval-request:${incidentId}:${remediationId}`,
    });
    // A request nobody received still expires on its timer, and the on-call hears of it then.
    if (result.status === 'failed') {
      this.logger.warn({ incidentId, remediationId, attempts: result.attempts.length }, 'approval request undelivered');
    }
  }
}
