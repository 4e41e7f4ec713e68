import { createHash } from 'node:crypto';
import { AT, eventsOf, PUBLICATION, reviewed, reviewedCommands, signedOff } from '../test-support/reviewed-history';
import { buildReviewDocument } from './build-review-document';
import { renderReviewHtml } from './render-review-html';

const hash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('renderReviewHtml', () => {
  const html = renderReviewHtml(buildReviewDocument(signedOff), PUBLICATION);

  it('renders the same bytes for the same history: the published hash can be checked later', () => {
    expect(hash(renderReviewHtml(buildReviewDocument([...signedOff]), PUBLICATION))).toBe(hash(html));
    expect(hash(renderReviewHtml(buildReviewDocument(reviewed), PUBLICATION))).not.toBe(hash(html));
  });

  it('is one self-contained printable page: inline CSS with print rules, nothing fetched', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('@media print');
    expect(html).toContain('@page { size: A4;');
    expect(html).not.toMatch(/<script|<link|<img|src="http/);
  });

  it('draws the timeline on a time axis, one lane per kind of step, a mark per step', () => {
    const chart = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    const lanes = [...chart.matchAll(/class="lane">([^<]+)</g)].map((match) => match[1]);

    expect(lanes).toEqual([
      'Detection',
      'Triage',
      'Acknowledgement',
      'Escalation',
      'SLA breach',
      'Containment',
      'Remediation',
      'Customer update',
      'Mitigation',
      'Resolution',
    ]);
    expect(chart.match(/<circle /g)).toHaveLength(buildReviewDocument(signedOff).timeline.length);
    expect(chart).toContain('<title>2026-11-22T05:30:00.000Z Resolution: disk full</title>');
    expect(chart).toContain('>+90 min</text>');
  });

  it('states the figures, the 5 Whys, the action items with their ticket, and the sign-offs', () => {
    expect(html).toContain('<tr><th>Time to acknowledge</th><td>12 min</td></tr>');
    expect(html).toContain('<tr><th>Time to review</th><td>30 min</td></tr>');
    expect(html).toContain('<li>the database stopped</li>\n<li>its disk was full</li>');
    expect(html).toContain('<a href="https://tickets.example.com/OPS-1">https://tickets.example.com/OPS-1</a>');
    expect(html).toContain(`<tr><td>Technical lead</td><td>alice</td><td>${AT}</td></tr>`);
  });

  it('escapes what people typed', () => {
    const typed = eventsOf([
      ...reviewedCommands(),
      {
        type: 'RecordRootCause',
        data: {
          incidentId: signedOff[0]!.data.incidentId,
          whys: ['<script>alert(1)</script>'],
          rootCause: 'a & b',
          recordedBy: 'alice',
          recordedAt: AT,
        },
      },
    ]);
    const page = renderReviewHtml(buildReviewDocument(typed), PUBLICATION);

    expect(page).toContain('<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>');
    expect(page).toContain('a &amp; b');
    expect(page).not.toContain('<script>');
  });
});
