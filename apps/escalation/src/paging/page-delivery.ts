import { Inject, Injectable } from '@nestjs/common';
import type { Directory } from '@incident/directory';
import { IllegalTransitionError, type OpenedIncident, type PageRecord } from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import {
  type Channel,
  deliverWithFallback,
  type MessageForTarget,
  NOTIFY_CHANNELS,
  OneClickLinks,
} from '@incident/notify';
import { ESCALATION_CONFIG, type EscalationConfig } from '../escalation.config';

/**
 * Delivers a page whose intent is in the stream, then records its outcome. A crash between the two leaves the
 * page `requested`, and whoever runs the step again (a timer re-fired after its lease) delivers it again with
 * the same idempotency key, so a receiver that honours the key sees one page.
 */
@Injectable()
export class PageDelivery {
  constructor(
    @Inject(ESCALATION_CONFIG) private readonly config: EscalationConfig,
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(NOTIFY_CHANNELS) private readonly channels: readonly Channel[],
    @Inject(OneClickLinks) private readonly links: OneClickLinks,
  ) {}

  async deliver(incident: OpenedIncident, page: PageRecord, directory: Directory, now: Date): Promise<void> {
    const person = directory.people.find((candidate) => candidate.id === page.target);
    if (!person) {
      await this.record(incident, page, { outcome: 'failed', reason: `${page.target} is not in the directory` }, now);
      return;
    }
    const result = await deliverWithFallback(
      this.channels,
      this.message(incident, page, person.name, now),
      person.contactMethods,
      {
        idempotencyKey: page.idempotencyKey,
      },
    );
    if (result.status === 'delivered') {
      const { channel, contact } = result.delivered.outcome;
      await this.record(incident, page, { outcome: 'delivered', channel: `${channel}:${contact.kind}` }, new Date());
      return;
    }
    const reasons = result.attempts.map(({ outcome }) => (outcome.status === 'failed' ? outcome.reason : 'delivered'));
    await this.record(
      incident,
      page,
      { outcome: 'failed', reason: reasons.join('; ') || 'no contact method' },
      new Date(),
    );
  }

  private message(incident: OpenedIncident, page: PageRecord, name: string, now: Date): MessageForTarget {
    const expiresAt = new Date(now.getTime() + this.config.linkTtlMinutes * 60_000);
    const link = (action: 'acknowledge' | 'ask-for-help') =>
      this.links.issue({
        action,
        incidentId: incident.incidentId,
        subject: page.pageId,
        person: page.target,
        expiresAt,
      }).link;
    return {
      kind: 'page',
      subject: `${incident.drill ? '[DRILL] ' : ''}${incident.title} (${incident.service}, level ${page.level})`,
      text: [
        `${incident.customerId} / ${incident.service}: ${incident.title}`,
        `Severity ${incident.severity ?? 'unknown'}, team ${incident.owningTeam ?? 'unassigned'}, escalation level ${page.level}.`,
      ].join('\n'),
      links: [link('acknowledge'), link('ask-for-help')],
      recipient: { id: page.target, name },
      incidentId: incident.incidentId,
      ...(incident.severity !== null && { severity: incident.severity }),
      details: { level: page.level, attempt: page.attempt, pageId: page.pageId, drill: incident.drill },
    };
  }

  /** Caused by the page's key: a second recording of one delivery finds the first, or the domain refuses it. */
  private async record(
    incident: OpenedIncident,
    page: PageRecord,
    result: { outcome: 'delivered'; channel: string } | { outcome: 'failed'; reason: string },
    at: Date,
  ): Promise<void> {
    const context = { actor: this.config.actor, correlationId: page.idempotencyKey, causationId: page.idempotencyKey };
    const { incidentId } = incident;
    try {
      if (result.outcome === 'delivered') {
        await this.commands.execute(
          {
            type: 'RecordPageDelivery',
            data: { incidentId, pageId: page.pageId, channel: result.channel, deliveredAt: at.toISOString() },
          },
          context,
        );
      } else {
        await this.commands.execute(
          {
            type: 'RecordPageFailure',
            data: { incidentId, pageId: page.pageId, reason: result.reason, failedAt: at.toISOString() },
          },
          context,
        );
      }
    } catch (error) {
      // Two replicas delivered one page (a lease ran out mid-delivery): the first outcome recorded stands.
      if (!(error instanceof IllegalTransitionError)) throw error;
    }
  }
}
