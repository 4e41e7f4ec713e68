import { Inject, Injectable } from '@nestjs/common';
import { type IncidentEvent, type IncidentEventOf, type IncidentOpened, incidentStreamId } from '@incident/domain';
import { type RecordedEvent, StreamNotFound } from '@incident/event-store';
import { IncidentFacts } from '../incident-facts';
import type { ReviewNeed } from '../rules/review-needed';
import { ReviewRequirement } from '../rules/review-requirement';
import { buildReviewDocument } from './build-review-document';
import { renderReviewHtml } from './render-review-html';
import { renderReviewMarkdown } from './render-review-markdown';
import { ReviewChanges } from './review-changes';
import type { ReviewDocument } from './review-document';

/** A published review rendered anew, beside the hashes recorded at publication (`null`: before they were). */
export interface PublishedReview {
  readonly markdown: string;
  readonly html: string;
  readonly recordedSha256: string | null;
  readonly recordedHtmlSha256: string | null;
}

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
    @Inject(ReviewRequirement) private readonly requirements: ReviewRequirement,
    @Inject(ReviewChanges) private readonly changes: ReviewChanges,
  ) {}

  async view(incidentId: string): Promise<ReviewView> {
    const { state, history, revision } = await this.incidents.now(incidentId);
    if (revision === null || state.status === 'initial') throw new StreamNotFound(incidentStreamId(incidentId));
    const requirement = await this.requirements.of(history);
    const document = buildReviewDocument(history as unknown as IncidentEvent[], await this.changesBefore(history));
    return { revision, status: state.status, requirement, document };
  }

  /**
   * The published review rendered again (Markdown and the printable page) from the history before its
   * publication, with the hashes recorded then: equal hashes show each is what was published. `null` while
   * unpublished.
   */
  async published(incidentId: string): Promise<PublishedReview | null> {
    const { history } = await this.incidents.now(incidentId);
    if (history.length === 0) throw new StreamNotFound(incidentStreamId(incidentId));
    const event = history.find((recorded) => recorded.type === 'ReviewPublished');
    if (!event) return null;
    const at = history.indexOf(event);
    const published = event.data as IncidentEventOf<'ReviewPublished'>['data'];
    const before = history.slice(0, at);
    const document = buildReviewDocument(before as unknown as IncidentEvent[], await this.changesBefore(before));
    return {
      markdown: renderReviewMarkdown(document, published),
      html: renderReviewHtml(document, published),
      recordedSha256: published.renderedSha256,
      recordedHtmlSha256: published.renderedHtmlSha256,
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
