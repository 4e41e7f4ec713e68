import { acknowledged, escalatedOnTimeout, event, fold, minute, opened } from '../testing-support/projected';
import type { OncallPage } from './oncall-page.entity';
import { evolveOncallPages } from './oncall-page.evolve';

const page = (pageId: string, responderId: string, escalationLevel: number) =>
  event('ResponderPaged', { pageId, responderId, channel: 'sms', escalationLevel, pagedAt: minute(1) });
const outcomes = (...events: Parameters<typeof fold>[2]) =>
  fold<readonly OncallPage[]>(evolveOncallPages, [], events).map(({ pageId, outcome, answeredBy }) => ({
    pageId,
    outcome,
    answeredBy,
  }));

describe('on-call pages', () => {
  it('an acknowledgement settles every pending page: the acknowledger’s as acknowledged, others as answered by them', () => {
    const byCarol = acknowledged(3, { responderId: 'carol' });
    expect(outcomes(opened(), page('p1', 'bob', 1), page('p2', 'carol', 1), byCarol)).toEqual([
      { pageId: 'p1', outcome: 'answered_by_other', answeredBy: 'carol' },
      { pageId: 'p2', outcome: 'acknowledged', answeredBy: 'carol' },
    ]);
  });

  it('an escalation supersedes the pending pages below the new level only', () => {
    const escalated = escalatedOnTimeout(1, 2, 5);
    expect(outcomes(opened(), page('p1', 'bob', 1), page('p2', 'carol', 2), escalated)).toEqual([
      { pageId: 'p1', outcome: 'escalated', answeredBy: null },
      { pageId: 'p2', outcome: 'pending', answeredBy: null },
    ]);
  });

  it('a page id sent again is the same page, not a second row', () => {
    expect(outcomes(opened(), page('p1', 'bob', 1), page('p1', 'bob', 1))).toHaveLength(1);
  });
});
