import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DirectoryReader } from '@incident/directory';
import { IllegalTransitionError } from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import type { RecordedIncidentEvent } from '@incident/messaging';
import { type Channel, deliverWithFallback, NOTIFY_CHANNELS } from '@incident/notify';
import { PINO_LOGGER } from '@incident/platform';
import { REMEDIATION_CONFIG, type RemediationConfig } from '../remediation.config';
import { REMEDIATION_ACTOR_ID } from '../rules/proposal-commands';

/**
 * A customer went past its pre-approved hours: every member of the customer success team (the directory team
 * `RemediationConfig.customerSuccessTeam`) is e-mailed, since it is they who talk to the customer about the
 * overrun; then an internal status update records who was told. Keys and cause name the event: once in effect.
 * Drills log time like any incident, so an overrun of a drill is told too: it is real time spent.
 */
@Injectable()
export class HoursOverrunNotice {
  constructor(
    @Inject(NOTIFY_CHANNELS) private readonly channels: readonly Channel[],
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(DirectoryReader) private readonly directory: DirectoryReader,
    @Inject(REMEDIATION_CONFIG) private readonly config: RemediationConfig,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  async tell(event: RecordedIncidentEvent<'PreApprovedHoursExceeded'>): Promise<void> {
    const { incidentId, customerId, period, budgetMinutes, usedMinutes, reason } = event.data;
    const directory = this.directory.current()?.directory;
    const team = directory?.teams.find((candidate) => candidate.id === this.config.customerSuccessTeam);
    const customer = directory?.customers.find((candidate) => candidate.id === customerId);
    const figures = `${usedMinutes} of ${budgetMinutes} pre-approved minutes for ${period ?? 'the month'}`;
    const told: string[] = [];
    for (const personId of team?.members ?? []) {
      const person = directory?.people.find((candidate) => candidate.id === personId);
      const emails = person?.contactMethods.filter((method) => method.kind === 'email') ?? [];
      const result = await deliverWithFallback(
        this.channels,
        {
          kind: 'notice',
          subject: `${customer?.name ?? customerId ?? 'A customer'} is over its pre-approved hours`,
          text: `Incident ${incidentId} took ${customerId ?? 'the customer'} to ${figures}. Reason given: ${reason ?? 'none'}.`,
          links: [],
          recipient: { id: personId, ...(person && { name: person.name }) },
          incidentId,
          details: { customer: customerId ?? '', usedMinutes, budgetMinutes },
        },
        emails,
        { idempotencyKey: `hours-overrun:${event.id}:${personId}` },
      );
      if (result.status === 'delivered') told.push(personId);
      else this.logger.warn({ incidentId, personId }, 'pre-approved hours overrun notice undelivered');
    }
    const message =
      told.length > 0
        ? `Customer success (${told.join(', ')}) told: ${figures}.`
        : `Nobody in the customer success team could be told of the overrun (${figures}).`;
    await this.commands
      .execute(
        {
          type: 'PostStatusUpdate',
          data: {
            incidentId,
            audience: 'internal',
            message,
            postedBy: REMEDIATION_ACTOR_ID,
            postedAt: new Date().toISOString(),
          },
        },
        { actor: this.config.actor, correlationId: event.metadata.correlationId, causationId: event.id },
      )
      .catch((error: unknown) => {
        // Closed in the meantime: the word went out, there is no timeline left to note it in.
        if (!(error instanceof IllegalTransitionError)) throw error;
      });
  }
}
