import type { IsoTimestamp } from '@incident/domain';
import type { ReviewDocument } from './review-document';

/** This incident's own response figures, as the published review states them (minutes, `null` when unknown). */
export interface ReviewFigures {
  /** Detection to the first acknowledgement. */
  readonly timeToAcknowledgeMinutes: number | null;
  /** Detection to the last resolution. */
  readonly timeToResolveMinutes: number | null;
  /** The last resolution to the publication of its review. */
  readonly timeToReviewMinutes: number | null;
}

const minutesBetween = (from: IsoTimestamp, to: IsoTimestamp): number =>
  Math.round((Date.parse(to) - Date.parse(from)) / 60_000);

/**
 * Pure: the figures of the review published at `publishedAt`. They count from the same moments as the query
 * API's MTTA / MTTR / time to review, so one incident's line in a team's figures can be checked against its review.
 */
export function reviewFigures(doc: ReviewDocument, publishedAt: IsoTimestamp | null): ReviewFigures {
  const { resolvedAt } = doc.impact;
  return {
    timeToAcknowledgeMinutes: doc.impact.timeToAcknowledgeMinutes,
    timeToResolveMinutes: doc.impact.durationMinutes,
    timeToReviewMinutes: resolvedAt !== null && publishedAt !== null ? minutesBetween(resolvedAt, publishedAt) : null,
  };
}
