import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DirectoryReader } from '@incident/directory';
import { IllegalTransitionError, type IncidentState } from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import { type Channel, deliverWithFallback, NOTIFY_CHANNELS } from '@incident/notify';
import { PINO_LOGGER } from '@incident/platform';
import { REMEDIATION_CONFIG, type RemediationConfig } from '../remediation.config';
import { REMEDIATION_ACTOR_ID } from '../rules/proposal-commands';
import { reminderRecipients, type UpdateClockRun } from '../rules/update-cadence';

/**
 * Reminds whoever owns the incident that the customer's next update is due: through each person's directory
 * contact methods (falling back one to the next), then an internal status update saying who was reminded, so the
 * timeline shows it. Both carry the timer key (the mail's idempotency key, the update's cause): a timer fired
 * twice reminds once in effect. An internal update does not restart the customer clock; only a customer one does.
 */
@Injectable()
export class UpdateReminders {
  constructor(
    @Inject(NOTIFY_CHANNELS) private readonly channels: readonly Channel[],
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(DirectoryReader) private readonly directory: DirectoryReader,
    @Inject(REMEDIATION_CONFIG) private readonly config: RemediationConfig,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  async remind(state: IncidentState, run: UpdateClockRun, timerKey: string): Promise<void> {
    if (state.status === 'initial') return;
    const directory = this.directory.current()?.directory;
    const recipients = directory ? reminderRecipients(state, directory) : [];
    const since = state.lastCustomerUpdateAt ?? run.startedAt;
    const reached: string[] = [];
    for (const personId of recipients) {
      const person = directory?.people.find((candidate) => candidate.id === personId);
      const result = await deliverWithFallback(
        this.channels,
        {
          kind: 'reminder',
          subject: `Customer update due by ${run.dueAt}: ${state.title}`,
          text:
            `The customer (${state.customerId}) has not heard from us since ${since}. Post a status update for ` +
            `the customer audience on incident ${run.incidentId} by ${run.dueAt}, or its customer-update SLA is breached.`,
          links: [],
          recipient: { id: personId, ...(person && { name: person.name }) },
          incidentId: run.incidentId,
          details: { dueAt: run.dueAt },
        },
        person?.contactMethods ?? [],
        { idempotencyKey: `${timerKey}:${personId}` },
      );
      if (result.status === 'delivered') reached.push(`${personId} (${result.delivered.outcome.channel})`);
      else this.logger.warn({ incidentId: run.incidentId, personId }, 'customer-update reminder undelivered');
    }
    const who = reached.length > 0 ? `reminded ${reached.join(', ')}` : 'nobody could be reminded';
    await this.commands
      .execute(
        {
          type: 'PostStatusUpdate',
          data: {
            incidentId: run.incidentId,
            audience: 'internal',
            message: `The next customer update is due by ${run.dueAt}: ${who}.`,
            postedBy: REMEDIATION_ACTOR_ID,
            postedAt: new Date().toISOString(),
          },
        },
        { actor: this.config.actor, correlationId: timerKey, causationId: timerKey },
      )
      .catch((error: unknown) => {
        // Closed in the meantime: the word went out, there is no timeline left to note it in.
        if (!(error instanceof IllegalTransitionError)) throw error;
      });
  }
}
