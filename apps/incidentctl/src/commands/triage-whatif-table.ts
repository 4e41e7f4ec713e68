import type { Aspect, TriageOutcome, WhatIfReport, WhatIfRow } from '@incident/directory';

const COLUMNS: readonly { title: string; aspect: Aspect; width: number }[] = [
  { title: 'team', aspect: 'owningTeam', width: 38 },
  { title: 'category', aspect: 'category', width: 46 },
  { title: 'severity', aspect: 'severity', width: 16 },
  { title: 'disposition', aspect: 'disposition', width: 34 },
  { title: 'pages', aspect: 'pages', width: 13 },
];

const show = (value: TriageOutcome[Aspect]): string => (value === null ? '-' : String(value));
const padTo = (text: string, width: number): string =>
  (text.length > width ? `${text.slice(0, width - 1)}…` : text).padEnd(width);

/** One aspect: the value as decided, or `decided → proposed` where the proposal differs. */
function cell(row: WhatIfRow, aspect: Aspect): string {
  const actual = show(row.actual[aspect]);
  return row.differences.includes(aspect) ? `${actual} → ${show(row.proposed[aspect])}` : actual;
}

function rowLine(row: WhatIfRow): string {
  const who = row.decidedBy === 'person' ? '*' : ' ';
  const fixed = `${row.incidentId.slice(0, 8)}${who} ${row.openedAt.slice(0, 16).replace('T', ' ')}  ${padTo(row.customerId, 10)} ${padTo(row.service, 24)}`;
  return `${fixed} ${COLUMNS.map((column) => padTo(cell(row, column.aspect), column.width)).join(' ')}`.trimEnd();
}

/**
 * The report for a terminal: the period and totals, the changes in words, then the incidents that would have
 * been decided differently (the first `limit`; CSV has them all). `*` marks a decision a person made.
 */
export function whatIfTable(report: WhatIfReport, fileName: string, limit = 50): string {
  const { totals, rows, period } = report;
  const lines = [
    `What-if ${fileName} (${report.ruleSet.rules} rules), incidents opened ${period.from} to ${period.to}:`,
    `${totals.incidents} incidents replayed, ${totals.changed} would have been decided differently` +
      (totals.changedWherePersonDecided > 0
        ? ` (${totals.changedWherePersonDecided} of them decided by a person *)`
        : ''),
    '',
    ...totals.summary.map((sentence) => `  ${sentence}`),
  ];
  if (rows.length === 0) return `${lines.join('\n')}\n`;
  const header = `${'incident'.padEnd(9)} ${'opened'.padEnd(16)}  ${'customer'.padEnd(10)} ${'service'.padEnd(24)} ${COLUMNS.map((c) => c.title.padEnd(c.width)).join(' ')}`;
  lines.push('', header.trimEnd(), ...rows.slice(0, limit).map(rowLine));
  if (rows.length > limit) lines.push(`… ${rows.length - limit} more (all of them: --format csv or json)`);
  return `${lines.join('\n')}\n`;
}
