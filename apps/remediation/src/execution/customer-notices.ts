import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DirectoryReader } from '@incident/directory';
import type { RecordedIncidentEvent } from '@incident/messaging';
import { type Channel, deliverWithFallback, NOTIFY_CHANNELS } from '@incident/notify';
import { PINO_LOGGER } from '@incident/platform';
import { IncidentFacts } from '../incident-facts';
import { REMEDIATION_ACTOR_ID } from '../rules/proposal-commands';

/**
 * E-mails what remediation told a customer (`CustomerNotified` it recorded) to the customer's contacts and
 * availability subscribers. The key names the event and the address, so a redelivery sends the same message.
 * Drills never reach customers.
 */
@Injectable()
export class CustomerNotices {
  constructor(
    @Inject(NOTIFY_CHANNELS) private readonly channels: readonly Channel[],
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(DirectoryReader) private readonly directory: DirectoryReader,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  async deliver(event: RecordedIncidentEvent<'CustomerNotified'>): Promise<void> {
    const { incidentId, message, notifiedBy, channel } = event.data;
    if (notifiedBy !== REMEDIATION_ACTOR_ID || channel !== 'email') return;
    const { state } = await this.incidents.of(incidentId);
    if (state.status === 'initial' || state.drill) return;
    const customer = this.directory.current()?.directory.customers.find((c) => c.id === state.customerId);
    const addresses = new Set([
      ...(customer?.contacts.map((contact) => contact.email) ?? []),
      ...(customer?.availabilityNotifications ?? []),
    ]);
    for (const address of addresses) {
      const result = await deliverWithFallback(
        this.channels,
        {
          kind: 'notice',
          subject: `${state.service}: ${state.title}`,
          text: message,
          links: [],
          recipient: { id: address },
          incidentId,
        },
        [{ kind: 'email', address }],
        { idempotencyKey: `customer-notice:${event.id}:${address}` },
      );
      if (result.status === 'failed')
        this.logger.warn({ incidentId, attempts: result.attempts.length }, 'customer notice undelivered');
    }
  }
}
