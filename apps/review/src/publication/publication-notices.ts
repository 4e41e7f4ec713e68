import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { Logger } from 'pino';
import { DirectoryReader } from '@incident/directory';
import { IncidentEventPattern, type RecordedIncidentEvent } from '@incident/messaging';
import { type Channel, deliverWithFallback, failureSummary, NOTIFY_CHANNELS } from '@incident/notify';
import { PINO_LOGGER } from '@incident/platform';
import { IncidentFacts } from '../incident-facts';
import { REVIEW_CONFIG, type ReviewConfig } from '../review.config';
import { REVIEW_NOTICE_CHANNEL } from '../rules/publication-notice.policy';

/**
 * Delivers the notice of a published review the review service recorded (`CustomerNotified` by `review`: the
 * intent, recorded first) to the customer's contacts, by e-mail through libs/notify. The key names the event and
 * the address, so a redelivered record sends the same message, which the receiver recognises. Drills never
 * reach customers (the rule records no notice for one; checked here again).
 */
@Controller()
export class PublicationNotices {
  constructor(
    @Inject(REVIEW_CONFIG) private readonly config: ReviewConfig,
    @Inject(NOTIFY_CHANNELS) private readonly channels: readonly Channel[],
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(DirectoryReader) private readonly directory: DirectoryReader,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  @IncidentEventPattern('CustomerNotified')
  async onCustomerNotified(@Payload() event: RecordedIncidentEvent<'CustomerNotified'>): Promise<void> {
    const { incidentId, message, notifiedBy, channel } = event.data;
    if (notifiedBy !== this.config.actor.id || channel !== REVIEW_NOTICE_CHANNEL) return;
    const { state } = await this.incidents.now(incidentId);
    if (state.status === 'initial' || state.drill) return;
    const customer = this.directory.current()?.directory.customers.find((c) => c.id === state.customerId);
    for (const address of new Set(customer?.contacts.map((contact) => contact.email) ?? [])) {
      const result = await deliverWithFallback(
        this.channels,
        {
          kind: 'notice',
          subject: `Post-incident review published: ${state.title}`,
          text: message,
          links: [],
          recipient: { id: address },
          incidentId,
        },
        [{ kind: 'email', address }],
        { idempotencyKey: `review-notice:${event.id}:${address}` },
      );
      if (result.status === 'failed') {
        this.logger.warn({ incidentId, reason: failureSummary(result.attempts) }, 'review notice undelivered');
      }
    }
  }
}
