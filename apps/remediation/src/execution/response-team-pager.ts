import { Inject, Injectable } from '@nestjs/common';
import { DirectoryReader } from '@incident/directory';
import { IncidentCommandHandler } from '@incident/event-store';
import type { RecordedIncidentEvent } from '@incident/messaging';
import { type Channel, deliverWithFallback, NOTIFY_CHANNELS } from '@incident/notify';
import { IncidentFacts } from '../incident-facts';
import { REMEDIATION_CONFIG, type RemediationConfig } from '../remediation.config';

const ROLE_WORDS = {
  incident_commander: 'incident commander',
  communications: 'communications',
  security: 'security',
  responder: 'responder',
} as const;

/**
 * Pages each member of an assembled response team through their directory contact methods (falling back one to
 * the next), then records `ResponderPaged`. The page's key names the team event and the person, so a redelivered
 * event pages nobody twice (receivers honour the key, the command handler finds the earlier record).
 */
@Injectable()
export class ResponseTeamPager {
  constructor(
    @Inject(NOTIFY_CHANNELS) private readonly channels: readonly Channel[],
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(DirectoryReader) private readonly directory: DirectoryReader,
    @Inject(REMEDIATION_CONFIG) private readonly config: RemediationConfig,
  ) {}

  async page(event: RecordedIncidentEvent<'ResponseTeamAssembled'>): Promise<void> {
    const { incidentId, members } = event.data;
    const { state } = await this.incidents.of(incidentId);
    if (state.status === 'initial') return;
    const people = this.directory.current()?.directory.people ?? [];
    for (const member of members) {
      const person = people.find((candidate) => candidate.id === member.personId);
      const pageId = `response-team:${event.id}:${member.personId}`;
      const result = await deliverWithFallback(
        this.channels,
        {
          kind: 'page',
          subject: `You are ${ROLE_WORDS[member.role]} for: ${state.title}`,
          text: `A response team was assembled for incident ${incidentId} (${state.service}, ${state.customerId}).`,
          links: [],
          recipient: { id: member.personId, ...(person && { name: person.name }) },
          incidentId,
          ...(state.severity !== null && { severity: state.severity }),
          details: { role: member.role },
        },
        person?.contactMethods ?? [],
        { idempotencyKey: pageId },
      );
      const channel = result.status === 'delivered' ? result.delivered.outcome.channel : 'undelivered';
      await this.commands.execute(
        {
          type: 'PageResponder',
          data: { incidentId, pageId, responderId: member.personId, channel, pagedAt: new Date().toISOString() },
        },
        {
          actor: this.config.actor,
          correlationId: event.metadata.correlationId,
          causationId: `${event.id}:${member.personId}`,
        },
      );
    }
  }
}
