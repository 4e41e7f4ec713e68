import type { IsoTimestamp } from '@incident/domain';
import type { ReviewDocument, TimelineEntry } from './review-document';
import { reviewFigures } from './review-figures';

export interface Publication {
  readonly summary: string;
  readonly publishedBy: string;
  readonly publishedAt: IsoTimestamp;
}

/** Table cells hold one line; a pipe would end the cell. */
const cell = (text: string | null): string => (text ?? '—').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const ROLE_NAMES = { technical_lead: 'Technical lead', project_manager: 'Project manager' } as const;
const minutes = (value: number | null): string => (value === null ? '—' : `${value} min`);

function timelineRows(timeline: readonly TimelineEntry[]): string[] {
  return [
    '| When (UTC) | What | Step | By |',
    '| --- | --- | --- | --- |',
    ...timeline.map((entry) => `| ${entry.at} | ${cell(entry.summary)} | ${entry.kind} | ${cell(entry.by)} |`),
  ];
}

/**
 * Pure: the review as Markdown, from the document and the publication. Nothing here reads a clock or the
 * environment, so rendering the same history again gives the same bytes: that is what lets the sha256 recorded
 * at publication be checked later against the history.
 */
export function renderReviewMarkdown(doc: ReviewDocument, publication: Publication): string {
  const { impact, timeLogged, rootCause } = doc;
  const figures = reviewFigures(doc, publication.publishedAt);
  const lines: string[] = [
    `# Post-incident review: ${doc.title}`,
    '',
    `- Incident: ${doc.incidentId}${doc.drill ? ' (drill)' : ''}`,
    `- Severity: ${doc.severity ?? '—'}; category: ${doc.category ?? '—'}; team: ${doc.owningTeam ?? '—'}`,
    '',
    '## Summary',
    '',
    publication.summary,
    '',
    '## Figures',
    '',
    `- Time to acknowledge: ${minutes(figures.timeToAcknowledgeMinutes)}`,
    `- Time to resolve: ${minutes(figures.timeToResolveMinutes)}`,
    `- Time to review: ${minutes(figures.timeToReviewMinutes)}`,
    '',
    '## Impact',
    '',
    `- Opened ${impact.openedAt}, resolved ${impact.resolvedAt ?? '—'}: ${minutes(impact.durationMinutes)}`,
    `- Time to acknowledge: ${minutes(impact.timeToAcknowledgeMinutes)}`,
    `- Customers: ${impact.customers.join(', ')}; services: ${impact.services.join(', ')}`,
    `- SLA breaches: ${
      impact.slaBreaches.length === 0
        ? 'none'
        : impact.slaBreaches.map((b) => `${b.sla} (${b.targetMinutes} min) at ${b.breachedAt}`).join('; ')
    }`,
    `- Reopened: ${impact.reopenCount} time(s)`,
    '',
    '## Timeline',
    '',
    ...timelineRows(doc.timeline),
    '',
    '## Why help was needed',
    '',
    ...(doc.escalations.length === 0
      ? ['No escalation.']
      : doc.escalations.map((e) => `- ${e.at}: level ${e.fromLevel} → ${e.toLevel} (${e.reason}): ${e.why}`)),
    '',
    '## Time logged',
    '',
    `- Total: ${timeLogged.totalMinutes} min (${Object.entries(timeLogged.byKind)
      .map(([kind, value]) => `${kind} ${value}`)
      .join(', ')})`,
    `- Pre-approved: ${minutes(timeLogged.preApprovedMinutes)}${timeLogged.preApprovedExceeded ? ', exceeded' : ''}`,
    '',
    `## Root cause${rootCause ? ` (${rootCause.technique})` : ''}`,
    '',
  ];
  if (rootCause) {
    lines.push(
      ...rootCause.whys.map((why, index) => `${index + 1}. ${why}`),
      ...(rootCause.whys.length > 0 ? [''] : []),
      `**Root cause:** ${rootCause.rootCause}`,
      '',
      `**Contributing factors:** ${rootCause.contributingFactors.join('; ') || 'none recorded'}`,
      '',
      `**Evidence:** ${rootCause.evidenceLinks.join(', ') || 'none recorded'}`,
      '',
      `**The fix was:** ${rootCause.fixTerm === null ? 'not stated' : rootCause.fixTerm.replace('_', '-')}`,
      '',
      `Recorded by ${rootCause.recordedBy} at ${rootCause.recordedAt}.`,
      '',
    );
  } else {
    lines.push('No root cause recorded.', '');
  }
  lines.push('## Action items', '');
  if (doc.actionItems.length === 0) lines.push('None.', '');
  else {
    lines.push('| Kind | Item | Owner | Due | Ticket | Done |', '| --- | --- | --- | --- | --- | --- |');
    for (const item of doc.actionItems) {
      const done = item.completedAt ? `${item.completedAt} by ${item.completedBy ?? '—'}` : 'open';
      lines.push(
        `| ${item.kind} | ${cell(item.title)} | ${item.owner} | ${item.dueDate} | ${cell(item.ticketUrl)} | ${cell(done)} |`,
      );
    }
    lines.push('');
  }
  if (doc.linkedIncidents.length > 0) {
    lines.push(
      '## Related incidents',
      '',
      ...doc.linkedIncidents.map((l) => `- ${l.relation}: ${l.incidentId}${l.note ? ` (${l.note})` : ''}`),
      '',
    );
  }
  lines.push('## Sign-off', '');
  if (doc.signOffs.length === 0) lines.push('None.', '');
  else lines.push(...doc.signOffs.map((s) => `- ${ROLE_NAMES[s.role]}: ${s.signedOffBy} at ${s.signedOffAt}`), '');
  lines.push('---', '', `Published by ${publication.publishedBy} at ${publication.publishedAt}.`, '');
  return lines.join('\n');
}
