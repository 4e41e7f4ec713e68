import { createHash } from 'node:crypto';
import { urgentResponse } from '../test-support/review-history';
import { AT, eventsOf, ID, PUBLICATION, reviewed, signedOff } from '../test-support/reviewed-history';
import { buildReviewDocument } from './build-review-document';
import { renderReviewMarkdown } from './render-review-markdown';

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

  it('states the incident’s own figures: time to acknowledge, to resolve, to review', () => {
    expect(markdown).toContain(
      '## Figures\n\n- Time to acknowledge: 12 min\n- Time to resolve: 90 min\n- Time to review: 30 min\n',
    );
  });

  it('lists who signed off, in which role', () => {
    expect(markdown).toContain('## Sign-off\n\nNone.');
    expect(renderReviewMarkdown(buildReviewDocument(signedOff), PUBLICATION)).toContain(
      `## Sign-off\n\n- Technical lead: alice at ${AT}\n- Project manager: carol at ${AT}\n`,
    );
  });
});
