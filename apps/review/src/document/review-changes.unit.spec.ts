import { type IncidentCommand, incidentDecider, type IncidentEvent } from '@incident/domain';
import { urgentResponse } from '../test-support/review-history';
import { buildReviewDocument } from './build-review-document';
import type { ReviewChange } from './change-lines';

const ID = '3f1d9a0e-0000-4000-8000-000000000021';

function eventsOf(commands: readonly IncidentCommand[]): IncidentEvent[] {
  let state = incidentDecider.initialState();
  const events: IncidentEvent[] = [];
  for (const command of commands) {
    for (const event of incidentDecider.decide(command, state)) {
      events.push(event);
      state = incidentDecider.evolve(state, event);
    }
  }
  return events;
}

describe('buildReviewDocument with the service changes (issue 21)', () => {
  const events = eventsOf(urgentResponse(ID));
  const opened = events[0]?.type === 'IncidentOpened' ? events[0].data : undefined;
  const detectedAt = Date.parse(opened?.openedAt ?? '');
  const change = (minutesBefore: number, summary: string): ReviewChange => ({
    changeId: `change-${minutesBefore}`,
    changeType: 'deploy',
    summary,
    source: 'github-actions',
    service: opened?.service ?? '',
    occurredAt: new Date(detectedAt - minutesBefore * 60_000).toISOString(),
  });

  describe('given deploys 20 and 90 minutes before detection', () => {
    const document = buildReviewDocument(events, [change(90, 'Deploy v2.3.0'), change(20, 'Deploy v2.3.1')]);

    it('lists the one in the hour before detection first in the timeline, with its source', () => {
      expect(document.timeline[0]).toEqual({
        at: new Date(detectedAt - 20 * 60_000).toISOString(),
        kind: 'change',
        summary: `deploy on ${opened?.service}: Deploy v2.3.1`,
        by: 'github-actions',
      });
      expect(document.timeline[1]?.kind).toBe('detection');
      expect(document.timeline.filter((entry) => entry.kind === 'change')).toHaveLength(1);
    });
  });

  describe('given no changes', () => {
    it('tells the timeline as before, starting with the detection', () => {
      expect(buildReviewDocument(events).timeline[0]?.kind).toBe('detection');
    });
  });
});
