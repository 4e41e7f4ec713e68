import type { WhatIfRow } from './whatif-comparison';
import type { TriageOutcome } from './triage-outcome';

const OUTCOME_COLUMNS = ['category', 'severity', 'owningTeam', 'disposition', 'ruleId', 'pages'] as const;

export const WHATIF_CSV_HEADER = [
  'incidentId',
  'openedAt',
  'customerId',
  'service',
  'title',
  'decidedBy',
  ...OUTCOME_COLUMNS.map((column) => `actual.${column}`),
  ...OUTCOME_COLUMNS.map((column) => `proposed.${column}`),
  'differences',
];

/** RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled. */
function field(value: string | boolean | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const outcome = (o: TriageOutcome): (string | boolean | null)[] => OUTCOME_COLUMNS.map((column) => o[column]);

/** The rows that differ as CSV, a header first, CRLF line ends (RFC 4180), for a spreadsheet. */
export function whatIfCsv(rows: readonly WhatIfRow[]): string {
  const lines = rows.map((row) =>
    [
      row.incidentId,
      row.openedAt,
      row.customerId,
      row.service,
      row.title,
      row.decidedBy,
      ...outcome(row.actual),
      ...outcome(row.proposed),
      row.differences.join(' '),
    ]
      .map(field)
      .join(','),
  );
  return [WHATIF_CSV_HEADER.join(','), ...lines].map((line) => `${line}\r\n`).join('');
}
