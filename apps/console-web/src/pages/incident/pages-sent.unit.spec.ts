import type { TimelineEntry } from '../../api/types';
import { pagesSent } from './pages-sent';

const entry = (eventType: string, occurredAt: string, details: Record<string, unknown>): TimelineEntry => ({
  streamRevision: 0,
  eventId: `${eventType}-${occurredAt}`,
  eventType,
  summary: eventType,
  occurredAt,
  recordedAt: occurredAt,
  actor: { kind: 'system', id: 'escalation' },
  details,
});

describe('pagesSent', () => {
  it('follows each page from request to delivery or failure', () => {
    const pages = pagesSent(
      [
        entry('PageRequested', '2026-12-03T12:00:00Z', { pageId: 'p1', target: 'bob', level: 1 }),
        entry('PageRequested', '2026-12-03T12:05:00Z', { pageId: 'p2', target: 'carol', level: 2 }),
        entry('PageFailed', '2026-12-03T12:00:01Z', { pageId: 'p1', reason: 'no email channel is configured' }),
        entry('PageDelivered', '2026-12-03T12:05:01Z', { pageId: 'p2', channel: 'sms' }),
      ],
      [],
    );

    expect(pages.map(({ pageId, target, level, delivery }) => ({ pageId, target, level, delivery }))).toEqual([
      { pageId: 'p1', target: 'bob', level: 1, delivery: 'failed: no email channel is configured' },
      { pageId: 'p2', target: 'carol', level: 2, delivery: 'delivered by sms' },
    ]);
  });

  it("adds the read model's outcome, and pages recorded only there", () => {
    const pages = pagesSent(
      [entry('PageRequested', '2026-12-03T12:00:00Z', { pageId: 'p1', target: 'bob', level: 1 })],
      [
        {
          pageId: 'p1',
          responderId: 'bob',
          channel: 'sms',
          escalationLevel: 1,
          pagedAt: '2026-12-03T12:00:00Z',
          outcome: 'acknowledged',
          answeredAt: '2026-12-03T12:02:00Z',
          answeredBy: 'bob',
        },
        {
          pageId: 'x',
          responderId: 'dan',
          channel: 'phone',
          escalationLevel: 2,
          pagedAt: '2026-12-03T12:10:00Z',
          outcome: 'answered_by_other',
          answeredAt: null,
          answeredBy: null,
        },
      ],
    );

    expect(pages.map(({ pageId, delivery, outcome }) => ({ pageId, delivery, outcome }))).toEqual([
      { pageId: 'p1', delivery: 'sending', outcome: 'acknowledged by bob' },
      { pageId: 'x', delivery: 'sent by phone', outcome: 'answered by other' },
    ]);
  });
});
