import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { type Customer, DirectoryReader } from '@incident/directory';
import type { RecordedIncidentEvent } from '@incident/messaging';
import { type Channel, type Contact, deliverWithFallback, NOTIFY_CHANNELS } from '@incident/notify';
import { PINO_LOGGER } from '@incident/platform';
import { IncidentFacts } from '../incident-facts';
import { REMEDIATION_ACTOR_ID } from '../rules/proposal-commands';

/** Every address a customer-facing word goes to: the contacts, the availability subscribers, their webhooks. */
export function customerAudience(customer: Customer | undefined): Contact[] {
  const emails = new Set([
    ...(customer?.contacts.map((contact) => contact.email) ?? []),
    ...(customer?.availabilityNotifications ?? []),
  ]);
  return [
    ...[...emails].map((address) => ({ kind: 'email' as const, address })),
    ...(customer?.availabilityWebhooks ?? []).map((address) => ({ kind: 'webhook' as const, address })),
  ];
}

/**
 * Delivers what the customer is told: a notice remediation recorded (`CustomerNotified` by remediation, e-mail)
 * and every status update for the customer audience, whoever posted it, to the customer's contacts and to the
 * availability subscribers (e-mail, and signed webhooks for `availabilityWebhooks`). The key names the event and
 * the address, so a redelivery sends the same message. Drills never reach customers.
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
    await this.send(event.id, incidentId, 'notice', message);
  }

  async deliverStatusUpdate(event: RecordedIncidentEvent<'StatusUpdatePosted'>): Promise<void> {
    const { incidentId, audience, message } = event.data;
    if (audience === 'customer') await this.send(event.id, incidentId, 'update', message);
  }

  private async send(eventId: string, incidentId: string, kind: 'notice' | 'update', message: string): Promise<void> {
    const { state } = await this.incidents.of(incidentId);
    if (state.status === 'initial' || state.drill) return;
    const customer = this.directory.current()?.directory.customers.find((c) => c.id === state.customerId);
    const prefix = kind === 'update' ? 'Update: ' : '';
    for (const contact of customerAudience(customer)) {
      const result = await deliverWithFallback(
        this.channels,
        {
          kind: 'notice',
          subject: `${prefix}${state.service}: ${state.title}`,
          text: message,
          links: [],
          recipient: { id: contact.address },
          incidentId,
          details: { customer: state.customerId, service: state.service, status: state.status },
        },
        [contact],
        { idempotencyKey: `customer-${kind}:${eventId}:${contact.address}` },
      );
      if (result.status === 'failed')
        this.logger.warn(
          { incidentId, kind: contact.kind, attempts: result.attempts.length },
          'customer word undelivered',
        );
    }
  }
}
