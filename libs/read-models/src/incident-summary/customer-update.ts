import type { Severity } from '@incident/domain';
import type { DirectoryTerms } from '../directory-terms/directory-terms';
import type { IncidentSummary } from './incident-summary.entity';

const MINUTE_MS = 60_000;

/** While the incident is being worked on the customer is owed updates at the directory's cadence. */
const OWED_UPDATES: ReadonlySet<IncidentSummary['status']> = new Set([
  'triggered',
  'triaged',
  'acknowledged',
  'mitigated',
]);

/**
 * The customer heard about the incident at `at`. The next update is due when the notification said, else (while
 * the incident is open) after the directory's `customerUpdateEveryMinutes` for its severity; null when neither
 * says, so a dashboard never shows a deadline nobody set.
 */
export function customerUpdated(
  row: IncidentSummary,
  at: string,
  promised: string | null,
  terms: DirectoryTerms,
): Pick<IncidentSummary, 'lastCustomerUpdateAt' | 'nextCustomerUpdateDue'> {
  const last = new Date(at);
  return {
    lastCustomerUpdateAt: last,
    nextCustomerUpdateDue: nextDue(row.status, row.severity, last, promised, terms),
  };
}

function nextDue(
  status: IncidentSummary['status'],
  severity: Severity | null,
  last: Date,
  promised: string | null,
  terms: DirectoryTerms,
): Date | null {
  if (promised !== null) return new Date(promised);
  if (!OWED_UPDATES.has(status) || severity === null) return null;
  const every = terms.customerUpdateEveryMinutes(severity);
  return every === undefined ? null : new Date(last.getTime() + every * MINUTE_MS);
}
