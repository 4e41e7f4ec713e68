import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { IncidentCommand, IncidentEvent } from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import {
  IncidentEventPattern,
  type IncidentEventTransportContext,
  type RecordedIncidentEvent,
} from '@incident/messaging';
import { IncidentFacts } from './incident-facts';
import { RecurrenceIndex } from './recurrence/recurrence-index';
import { recurrenceLinks, recurrenceWindow } from './recurrence/recurrence-links';
import { REVIEW_CONFIG, type ReviewConfig } from './review.config';
import { ReviewPolicySource } from './review-policy.source';
import { closeAfterPublication } from './rules/close-after-publication.policy';
import { closeAfterWaiver } from './rules/close-after-waiver.policy';
import { publicationNotice } from './rules/publication-notice.policy';
import { reviewFactsOf } from './rules/review-facts';
import { reviewNeeded, reviewNeededWithoutPolicy } from './rules/review-needed';
import { reviewOutcomeCommands } from './rules/review-outcome.policy';
import { ReviewRequirement } from './rules/review-requirement';

/**
 * The review service's reactions: on a resolution, the policy in force decides whether a review is needed;
 * the review is started, or the incident closed. `causationId` is the event's id, so a record delivered twice
 * appends nothing the second time. A published or waived review closes the incident. An incident no longer
 * `resolved` (a person started or waived the review, it was reopened or closed) is left alone: the rule returns no
 * command.
 */
@Controller()
export class IncidentEventsHandler {
  constructor(
    @Inject(REVIEW_CONFIG) private readonly config: ReviewConfig,
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(ReviewPolicySource) private readonly policy: ReviewPolicySource,
    @Inject(ReviewRequirement) private readonly requirements: ReviewRequirement,
    @Inject(RecurrenceIndex) private readonly recurrences: RecurrenceIndex,
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
    const outcome = reviewOutcomeCommands(state, need, this.config.actor.id, event.metadata.recordedAt);
    // Opening a review links the recurrences first, so the review opens with them and nothing lands after.
    if (outcome.some((command) => command.type === 'StartReview') && state.status !== 'initial') {
      const { from, to } = recurrenceWindow(state.openedAt);
      const earlier = await this.recurrences.earlier(state, from, to);
      await this.issue(recurrenceLinks(state, earlier, this.config.actor.id, event.metadata.recordedAt), event);
    }
    await this.issue(outcome, event);
  }

  /**
   * A published review: the customer is told where the policy says so (recorded while still in review), then
   * the incident is closed, unless the policy waits for the action items (ActionItemCompleted closes it then).
   */
  @IncidentEventPattern('ReviewPublished')
  async onPublished(@Payload() event: RecordedIncidentEvent<'ReviewPublished'>): Promise<void> {
    const { actor } = this.config;
    const at = event.metadata.recordedAt;
    const incident = await this.incidents.now(event.data.incidentId);
    const need = await this.requirements.of(incident.history);
    await this.issue(publicationNotice(incident.state, need, event.data.summary, actor.id, at), event);
    const { state } = await this.incidents.now(event.data.incidentId);
    await this.issue(closeAfterPublication(state, need?.closeWhenActionItemsDone ?? false, actor.id, at), event);
  }

  /**
   * Under a policy that waits for the action items, the last one completed after publication closes the
   * incident, once (the rule finds it closed the next time), caused by that completion. Otherwise the
   * publication's reaction closes it (or, when every item was done before publishing, that reaction does).
   */
  @IncidentEventPattern('ActionItemCompleted')
  async onActionItemCompleted(@Payload() event: RecordedIncidentEvent<'ActionItemCompleted'>): Promise<void> {
    const { state, history } = await this.incidents.now(event.data.incidentId);
    if (state.status !== 'in_review' || state.reviewPublishedAt === null) return;
    // Read late, an earlier completion finds the later ones done too: the last completion is the one that closes.
    if (history.findLast((recorded) => recorded.type === 'ActionItemCompleted')?.id !== event.id) return;
    const need = await this.requirements.of(history);
    if (!need?.closeWhenActionItemsDone) return;
    await this.issue(closeAfterPublication(state, true, this.config.actor.id, event.metadata.recordedAt), event);
  }

  /**
   * A waived review closes the incident, once (the rule finds it closed the next time), caused by the waiver.
   * The service's own waiver on a resolution that needs no review is closed by that reaction already.
   */
  @IncidentEventPattern('ReviewWaived')
  async onWaived(@Payload() event: RecordedIncidentEvent<'ReviewWaived'>): Promise<void> {
    const { state, history } = await this.incidents.now(event.data.incidentId);
    const waiver = { id: event.id, reason: event.data.reason };
    await this.issue(closeAfterWaiver(state, history, waiver, this.config.actor.id, event.metadata.recordedAt), event);
  }

  /** Every opened incident, into the review's own index of recurrence candidates (idempotent by incident id). */
  @IncidentEventPattern('IncidentOpened')
  async onOpened(
    @Payload() event: RecordedIncidentEvent<'IncidentOpened'>,
    @Ctx() ctx: IncidentEventTransportContext,
  ): Promise<void> {
    await this.recurrences.record(event.data, ctx.tx);
  }

  private async issue(commands: readonly IncidentCommand[], event: RecordedIncidentEvent): Promise<void> {
    for (const command of commands) {
      // Several links answer one resolution: each is its own command for the causation check, by what it links.
      const causationId =
        command.type === 'LinkIncident' ? `${event.id}:recurrence:${command.data.linkedIncidentId}` : event.id;
      await this.commands.execute(command, {
        actor: this.config.actor,
        correlationId: event.metadata.correlationId,
        causationId,
      });
    }
  }
}
