import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  IncidentEventPattern,
  type IncidentEventTransportContext,
  type RecordedIncidentEvent,
} from '@incident/messaging';
import { CustomerNotices } from './execution/customer-notices';
import { HoursOverrunNotice } from './execution/hours-overrun-notice';
import { ResponseTeamPager } from './execution/response-team-pager';
import { UpdateCadenceTimers } from './timers/update-cadence-timers';

/**
 * Remediation's part in keeping people informed: the response team paged, the customer's word delivered, the
 * communication cadence's reminders set, customer success told of an hours overrun. Every effect carries a key
 * or cause naming the event, so a redelivered record has no second effect.
 */
@Controller()
export class CommunicationEventsHandler {
  constructor(
    @Inject(ResponseTeamPager) private readonly pager: ResponseTeamPager,
    @Inject(CustomerNotices) private readonly notices: CustomerNotices,
    @Inject(UpdateCadenceTimers) private readonly cadence: UpdateCadenceTimers,
    @Inject(HoursOverrunNotice) private readonly overrun: HoursOverrunNotice,
  ) {}

  @IncidentEventPattern('ResponseTeamAssembled')
  async onTeamAssembled(@Payload() event: RecordedIncidentEvent<'ResponseTeamAssembled'>): Promise<void> {
    await this.pager.page(event);
  }

  @IncidentEventPattern('CustomerNotified')
  async onCustomerNotified(@Payload() event: RecordedIncidentEvent<'CustomerNotified'>): Promise<void> {
    await this.notices.deliver(event);
  }

  @IncidentEventPattern('StatusUpdatePosted')
  async onStatusUpdate(@Payload() event: RecordedIncidentEvent<'StatusUpdatePosted'>): Promise<void> {
    await this.notices.deliverStatusUpdate(event);
  }

  /**
   * Escalation (re)started the clock between customer updates: a reminder falls due before it runs out. The
   * other clocks' starts (two of the three per incident) are acknowledged without a transaction (`when`).
   */
  @IncidentEventPattern('SlaClockStarted', { when: (event) => event.data.sla === 'customer_update' })
  async onClockStarted(
    @Payload() event: RecordedIncidentEvent<'SlaClockStarted'>,
    @Ctx() ctx: IncidentEventTransportContext,
  ): Promise<void> {
    const { incidentId, sla, startedAt, dueAt } = event.data;
    if (sla === 'customer_update') await this.cadence.clockStarted(incidentId, startedAt, dueAt, ctx);
  }

  @IncidentEventPattern('PreApprovedHoursExceeded')
  async onHoursExceeded(@Payload() event: RecordedIncidentEvent<'PreApprovedHoursExceeded'>): Promise<void> {
    await this.overrun.tell(event);
  }
}
