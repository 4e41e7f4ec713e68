import type { Publication } from './render-review-markdown';
import type { ReviewDocument } from './review-document';
import { reviewFigures } from './review-figures';
import { escapeXml as esc, renderTimelineChart } from './timeline-chart';

const minutes = (value: number | null): string => (value === null ? '—' : `${value} min`);
const orDash = (text: string | null): string => esc(text ?? '—');
const ROLE_NAMES = { technical_lead: 'Technical lead', project_manager: 'Project manager' } as const;

/** Print first: A4, no backgrounds lost, tables that do not split a row across pages. */
const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111827; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; } h2 { font-size: 1.15rem; border-bottom: 1px solid #d1d5db; padding-bottom: .2rem; margin-top: 1.8rem; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #d1d5db; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #f3f4f6; } .meta { color: #4b5563; } .figures td { font-variant-numeric: tabular-nums; }
.timeline-chart { border: 1px solid #e5e7eb; margin: .5rem 0 1rem; } .timeline-chart .lane, .timeline-chart .tick { font-size: 11px; fill: #374151; }
.timeline-chart .grid { stroke: #e5e7eb; } .timeline-chart .lane-line { stroke: #f3f4f6; } .timeline-chart .axis { stroke: #6b7280; }
footer { margin-top: 2rem; color: #4b5563; font-size: .9rem; }
@page { size: A4; margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; } tr, .timeline-chart { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; } a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; }
}`.trim();

const link = (url: string): string => `<a href="${esc(url)}">${esc(url)}</a>`;
const table = (head: readonly string[], rows: readonly (readonly string[])[]): string =>
  [
    '<table>',
    `<thead><tr>${head.map((cell) => `<th>${cell}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`),
    '</tbody>',
    '</table>',
  ].join('\n');

function rootCauseSection(doc: ReviewDocument): string[] {
  const { rootCause } = doc;
  if (!rootCause) return ['<h2>Root cause</h2>', '<p>No root cause recorded.</p>'];
  const fix = rootCause.fixTerm === null ? 'not stated' : rootCause.fixTerm.replace('_', '-');
  return [
    `<h2>Root cause (${esc(rootCause.technique)})</h2>`,
    ...(rootCause.whys.length > 0 ? ['<ol>', ...rootCause.whys.map((why) => `<li>${esc(why)}</li>`), '</ol>'] : []),
    `<p><strong>Root cause:</strong> ${esc(rootCause.rootCause)}</p>`,
    `<p><strong>Contributing factors:</strong> ${esc(rootCause.contributingFactors.join('; ') || 'none recorded')}</p>`,
    `<p><strong>Evidence:</strong> ${rootCause.evidenceLinks.map(link).join(', ') || 'none recorded'}</p>`,
    `<p><strong>The fix was:</strong> ${esc(fix)}</p>`,
    `<p class="meta">Recorded by ${esc(rootCause.recordedBy)} at ${esc(rootCause.recordedAt)}.</p>`,
  ];
}

/**
 * Pure: the review as one printable, self-contained HTML page (inline CSS and SVG, nothing fetched), from the
 * same document and publication as the Markdown. The timeline is drawn as a chart above its table: on a time
 * axis, where the waits between steps show at a glance. Same input, same bytes: the page's sha256 is recorded
 * at publication and checked later against the history.
 */
export function renderReviewHtml(doc: ReviewDocument, publication: Publication): string {
  const { impact, timeLogged } = doc;
  const figures = reviewFigures(doc, publication.publishedAt);
  const breaches =
    impact.slaBreaches.length === 0
      ? 'none'
      : impact.slaBreaches.map((b) => `${b.sla} (${b.targetMinutes} min) at ${b.breachedAt}`).join('; ');
  const body: string[] = [
    `<h1>Post-incident review: ${esc(doc.title)}</h1>`,
    `<p class="meta">Incident ${esc(doc.incidentId)}${doc.drill ? ' (drill)' : ''} · severity ${orDash(doc.severity)} · ` +
      `category ${orDash(doc.category)} · team ${orDash(doc.owningTeam)}</p>`,
    '<h2>Summary</h2>',
    `<p>${esc(publication.summary)}</p>`,
    '<h2>Figures</h2>',
    '<table class="figures"><tbody>',
    `<tr><th>Time to acknowledge</th><td>${minutes(figures.timeToAcknowledgeMinutes)}</td></tr>`,
    `<tr><th>Time to resolve</th><td>${minutes(figures.timeToResolveMinutes)}</td></tr>`,
    `<tr><th>Time to review</th><td>${minutes(figures.timeToReviewMinutes)}</td></tr>`,
    '</tbody></table>',
    '<h2>Impact</h2>',
    '<ul>',
    `<li>Opened ${esc(impact.openedAt)}, resolved ${orDash(impact.resolvedAt)}: ${minutes(impact.durationMinutes)}</li>`,
    `<li>Customers: ${esc(impact.customers.join(', '))}; services: ${esc(impact.services.join(', '))}</li>`,
    `<li>SLA breaches: ${esc(breaches)}</li>`,
    `<li>Reopened: ${impact.reopenCount} time(s)</li>`,
    '</ul>',
    '<h2>Timeline</h2>',
    renderTimelineChart(doc.timeline),
    table(
      ['When (UTC)', 'What', 'Step', 'By'],
      doc.timeline.map((e) => [esc(e.at), esc(e.summary), esc(e.kind), orDash(e.by)]),
    ),
    '<h2>Why help was needed</h2>',
    doc.escalations.length === 0
      ? '<p>No escalation.</p>'
      : table(
          ['When (UTC)', 'Level', 'Reason', 'Why'],
          doc.escalations.map((e) => [esc(e.at), `${e.fromLevel} → ${e.toLevel}`, esc(e.reason), esc(e.why)]),
        ),
    '<h2>Time logged</h2>',
    `<p>Total ${timeLogged.totalMinutes} min (${esc(
      Object.entries(timeLogged.byKind)
        .map(([kind, value]) => `${kind} ${value}`)
        .join(', '),
    )}); pre-approved ${minutes(timeLogged.preApprovedMinutes)}${timeLogged.preApprovedExceeded ? ', exceeded' : ''}.</p>`,
    ...rootCauseSection(doc),
    '<h2>Action items</h2>',
    doc.actionItems.length === 0
      ? '<p>None.</p>'
      : table(
          ['Kind', 'Item', 'Owner', 'Due', 'Ticket', 'Done'],
          doc.actionItems.map((item) => [
            esc(item.kind),
            esc(item.title),
            esc(item.owner),
            esc(item.dueDate),
            item.ticketUrl ? link(item.ticketUrl) : '—',
            item.completedAt ? esc(`${item.completedAt} by ${item.completedBy ?? '—'}`) : 'open',
          ]),
        ),
    ...(doc.linkedIncidents.length === 0
      ? []
      : [
          '<h2>Related incidents</h2>',
          table(
            ['Relation', 'Incident', 'Why'],
            doc.linkedIncidents.map((l) => [esc(l.relation), esc(l.incidentId), orDash(l.note)]),
          ),
        ]),
    '<h2>Sign-off</h2>',
    doc.signOffs.length === 0
      ? '<p>None.</p>'
      : table(
          ['Role', 'Signed off by', 'At'],
          doc.signOffs.map((s) => [ROLE_NAMES[s.role], esc(s.signedOffBy), esc(s.signedOffAt)]),
        ),
    `<footer>Published by ${esc(publication.publishedBy)} at ${esc(publication.publishedAt)}.</footer>`,
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Post-incident review: ${esc(doc.title)}</title>`,
    `<style>\n${STYLE}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
