import { Inject, Injectable } from '@nestjs/common';
import { type IncidentEvent, type IncidentOpened, incidentStreamId } from '@incident/domain';
import { type RecordedEvent, StreamNotFound } from '@incident/event-store';
import { IncidentFacts } from '../incident-facts';
import { ReviewPolicySource } from '../review-policy.source';
import { reviewFactsOf } from '../rules/review-facts';
import { type ReviewNeed, reviewNeeded, reviewNeededWithoutPolicy } from '../rules/review-needed';
import { buildReviewDocument } from './build-review-document';
import { renderReviewMarkdown } from './render-review-markdown';
import { ReviewChanges } from './review-changes';
import type { ReviewDocument } from './review-document';

/** What GET /v1/incidents/:id/review answers. */
export interface ReviewView {
  /** The incident stream's revision this view was read at: an editor sends it back (If-Match or `revision`). */
  readonly revision: number;
  readonly status: string;
  /** The policy's decision at the last resolution, with the version in force then; `null` while unresolved. */
  readonly requirement: ReviewNeed | null;
  readonly document: ReviewDocument;
}

/**
 * The review as the history tells it. The requirement is not stored: the policy is versioned and the decision
 * pure, so the version in force when the resolution was recorded gives the same answer the consumer acted on.
 */
@Injectable()
export class ReviewReader {
  constructor(
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(ReviewPolicySource) private readonly policy: ReviewPolicySource,
    @Inject(ReviewChanges) private readonly changes: ReviewChanges,
  ) {}

  async view(incidentId: string): Promise<ReviewView> {
    const { state, history, revision } = await this.incidents.now(incidentId);
    if (revision === null || state.status === 'initial') throw new StreamNotFound(incidentStreamId(incidentId));
    const events = history as unknown as IncidentEvent[];
    const resolution = history.findLast((event) => event.type === 'IncidentResolved');
    let requirement: ReviewNeed | null = null;
    if (resolution) {
      const facts = reviewFactsOf(events, (resolution.data as { resolvedAt: string }).resolvedAt);
      const version = await this.policy.versions.versionAt(new Date(resolution.metadata.recordedAt));
      requirement = version
        ? reviewNeeded(facts, this.policy.versions.valueOf(version))
        : reviewNeededWithoutPolicy(facts);
    }
    const changes = await this.changesBefore(history);
    return { revision, status: state.status, requirement, document: buildReviewDocument(events, changes) };
  }

  /**
   * The published review rendered again from the history before its publication, with the hash recorded then:
   * equal hashes show the Markdown is what was published. `null` while unpublished.
   */
  async published(incidentId: string): Promise<{ markdown: string; recordedSha256: string | null } | null> {
    const { history } = await this.incidents.now(incidentId);
    if (history.length === 0) throw new StreamNotFound(incidentStreamId(incidentId));
    const event = history.find((recorded) => recorded.type === 'ReviewPublished');
    if (!event) return null;
    const at = history.indexOf(event);
    const published = event.data as {
      summary: string;
      renderedSha256: string | null;
      publishedBy: string;
      publishedAt: string;
    };
    const before = history.slice(0, at) as unknown as IncidentEvent[];
    return {
      markdown: renderReviewMarkdown(
        buildReviewDocument(before, await this.changesBefore(history.slice(0, at))),
        published,
      ),
      recordedSha256: published.renderedSha256,
    };
  }

  /** The service's changes before detection, as recorded when the history's last event was (see ReviewChanges). */
  private changesBefore(history: readonly RecordedEvent[]) {
    const [first] = history;
    const last = history.at(-1);
    if (first?.type !== 'IncidentOpened' || !last) return Promise.resolve([]);
    return this.changes.before(first.data as IncidentOpened['data'], last.metadata.recordedAt);
  }
}
