import type { ChangeRecorded, IsoTimestamp } from '@incident/domain';
import type { TimelineEntry } from './review-document';

/** The changes a review lists: those of the incident's service in this last stretch before detection. */
export const REVIEW_CHANGE_WINDOW_MINUTES = 60;

export type ReviewChange = Pick<
  ChangeRecorded['data'],
  'changeId' | 'changeType' | 'summary' | 'source' | 'occurredAt' | 'service'
>;

/**
 * Timeline lines for the changes in the hour before detection (issue 21): "what changed just before this?" is
 * the first question of every review. Pure; the caller reads the changes from the service's change stream.
 */
export function changeLines(changes: readonly ReviewChange[], detectedAt: IsoTimestamp): TimelineEntry[] {
  const detected = Date.parse(detectedAt);
  const from = detected - REVIEW_CHANGE_WINDOW_MINUTES * 60_000;
  return changes
    .filter((change) => {
      const at = Date.parse(change.occurredAt);
      return at >= from && at <= detected;
    })
    .map((change) => ({
      at: change.occurredAt,
      kind: 'change',
      summary: `${change.changeType} on ${change.service}: ${change.summary}`,
      by: change.source,
    }));
}
