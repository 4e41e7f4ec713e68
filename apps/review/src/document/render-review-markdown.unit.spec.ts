import { createHash } from 'node:crypto';
import { type IncidentCommand, incidentDecider, type IncidentEvent } from '@incident/domain';
import { urgentResponse } from '../test-support/review-history';
import { buildReviewDocument } from './build-review-document';
import { renderReviewMarkdown } from './render-review-markdown';

const ID = '3f1d9a0e-0000-4000-8000-000000000042';
const AT = '2026-11-22T06:00:00.000Z';
const PUBLICATION = { summary: 'The database disk filled up.', publishedBy: 'carol', publishedAt: AT };

function eventsOf(commands: readonly IncidentCommand[]): IncidentEvent[] {
  let state = incidentDecider.initialState();
  return commands.flatMap((command) => {
    const events = incidentDecider.decide(command, state);
    state = events.reduce(incidentDecider.evolve, state);
    return events;
  });
}

const reviewed = eventsOf([
  ...urgentResponse(ID),
  { type: 'StartReview', data: { incidentId: ID, startedBy: 'review', startedAt: AT } },
  {
    type: 'RecordRootCause',
    data: {
      incidentId: ID,
      whys: ['the database stopped', 'its disk was full'],
      rootCause: 'no alert on disk usage',
      contributingFactors: ['debug logging | left on'],
      evidenceLinks: ['https://grafana.example.com/d/pg'],
      fixTerm: 'short_term',
      recordedBy: 'alice',
      recordedAt: AT,
    },
  },
  {
    type: 'AddActionItem',
    data: {
      incidentId: ID,
      actionItemId: 'a-1',
      kind: 'preventive',
      title: 'alert on disk | usage',
      owner: 'bob',
      dueDate: '2026-12-15',
      ticketUrl: 'https://tickets.example.com/OPS-1',
      addedAt: AT,
    },
  },
]);

describe('renderReviewMarkdown', () => {
  const markdown = renderReviewMarkdown(buildReviewDocument(reviewed), PUBLICATION);

  it('renders the same bytes for the same history: the published hash can be checked later', () => {
    const again = renderReviewMarkdown(buildReviewDocument([...reviewed]), PUBLICATION);
    const hash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

    expect(hash(again)).toBe(hash(markdown));
  });

  it('holds the summary, the impact, the timeline as a table, why help was needed and the 5 Whys', () => {
    expect(markdown).toContain('# Post-incident review: Acme API is down');
    expect(markdown).toContain('The database disk filled up.');
    expect(markdown).toContain('- Opened 2026-11-22T04:00:00.000Z, resolved 2026-11-22T05:30:00.000Z: 90 min');
    expect(markdown).toContain('| 2026-11-22T04:12:00.000Z | acknowledged by alice | acknowledgement | alice |');
    expect(markdown).toContain('level 2 → 3 (asked_for_help): needs a DBA');
    expect(markdown).toContain('1. the database stopped\n2. its disk was full');
    expect(markdown).toContain('**The fix was:** short-term');
  });

  it('escapes a pipe inside a table cell, and lists open items as open', () => {
    expect(markdown).toContain(
      '| preventive | alert on disk \\| usage | bob | 2026-12-15 | https://tickets.example.com/OPS-1 | open |',
    );
  });

  it('changes when the history does: without the analysis it is another document', () => {
    const startedOnly = eventsOf([
      ...urgentResponse(ID),
      { type: 'StartReview', data: { incidentId: ID, startedBy: 'review', startedAt: AT } },
    ]);

    expect(renderReviewMarkdown(buildReviewDocument(startedOnly), PUBLICATION)).not.toBe(markdown);
  });
});
