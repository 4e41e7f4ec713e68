import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { IncidentCommand, IncidentEvent } from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import { IncidentEventPattern, type RecordedIncidentEvent } from '@incident/messaging';
import { IncidentFacts } from './incident-facts';
import { REVIEW_CONFIG, type ReviewConfig } from './review.config';
import { ReviewPolicySource } from './review-policy.source';
import { closeAfterPublication } from './rules/close-after-publication.policy';
import { reviewFactsOf } from './rules/review-facts';
import { reviewNeeded, reviewNeededWithoutPolicy } from './rules/review-needed';
import { reviewOutcomeCommands } from './rules/review-outcome.policy';

/**
 * The review service's reactions: on a resolution, the policy in force decides whether a review is needed;
 * the review is started, or the incident closed. `causationId` is the event's id, so a record delivered twice
 * appends nothing the second time. A published review closes the incident. An incident no longer `resolved` (a person started or waived the review, it
 * was reopened or closed) is left alone: the rule returns no command.
 */
@Controller()
export class IncidentEventsHandler {
  constructor(
    @Inject(REVIEW_CONFIG) private readonly config: ReviewConfig,
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(ReviewPolicySource) private readonly policy: ReviewPolicySource,
  ) {}

  @IncidentEventPattern('IncidentResolved')
  async onResolved(@Payload() event: RecordedIncidentEvent<'IncidentResolved'>): Promise<void> {
    const incident = await this.incidents.now(event.data.incidentId);
    // The latest resolution's time, should this event be an earlier cycle's delivered late.
    const { state } = incident;
    const resolvedAt = state.status === 'resolved' ? state.resolvedAt : event.data.resolvedAt;
    const facts = reviewFactsOf(incident.history as unknown as IncidentEvent[], resolvedAt);
    const policy = this.policy.current();
    const need = policy ? reviewNeeded(facts, policy) : reviewNeededWithoutPolicy(facts);
    await this.issue(reviewOutcomeCommands(state, need, this.config.actor.id, event.metadata.recordedAt), event);
  }

  @IncidentEventPattern('ReviewPublished')
  async onPublished(@Payload() event: RecordedIncidentEvent<'ReviewPublished'>): Promise<void> {
    const { state } = await this.incidents.now(event.data.incidentId);
    await this.issue(closeAfterPublication(state, this.config.actor.id, event.metadata.recordedAt), event);
  }

  private async issue(commands: readonly IncidentCommand[], event: RecordedIncidentEvent): Promise<void> {
    for (const command of commands) {
      await this.commands.execute(command, {
        actor: this.config.actor,
        correlationId: event.metadata.correlationId,
        causationId: event.id,
      });
    }
  }
}
