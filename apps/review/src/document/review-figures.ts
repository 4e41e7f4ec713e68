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
 * Pure: the figures of the review published at `publishedAt`, for the incident as a whole: acknowledgement and
 * resolution count from detection, the review from the last resolution to publication. (Per-team figures that
 * count per response cycle agree with these for an incident that was never reopened.)
 */
export function reviewFigures(doc: ReviewDocument, publishedAt: IsoTimestamp | null): ReviewFigures {
  const { resolvedAt } = doc.impact;
  return {
    timeToAcknowledgeMinutes: doc.impact.timeToAcknowledgeMinutes,
    timeToResolveMinutes: doc.impact.durationMinutes,
    timeToReviewMinutes: resolvedAt !== null && publishedAt !== null ? minutesBetween(resolvedAt, publishedAt) : null,
  };
}
