import type { IncidentCategory, IncidentEvent, IsoTimestamp, Severity } from '@incident/domain';

/** What the review policy looks at, gathered over the incident's whole history (every response cycle). */
export interface ReviewFacts {
  readonly severity: Severity | null;
  readonly category: IncidentCategory | null;
  readonly drill: boolean;
  readonly reopenCount: number;
  readonly slaBreached: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly resolvedAt: IsoTimestamp;
}

/**
 * Pure: the facts of a resolved incident from its events. SLA breaches are counted over every cycle (the state
 * forgets them on a reopen); severity and category are the latest triage's or correction's.
 */
export function reviewFactsOf(events: readonly IncidentEvent[], resolvedAt: IsoTimestamp): ReviewFacts {
  let facts: ReviewFacts = {
    severity: null,
    category: null,
    drill: false,
    reopenCount: 0,
    slaBreached: false,
    labels: {},
    resolvedAt,
  };
  for (const event of events) {
    switch (event.type) {
      case 'IncidentOpened': {
        const { severity, category, drill, labels } = event.data;
        facts = { ...facts, severity, category, drill, labels };
        break;
      }
      case 'IncidentTriaged':
      case 'IncidentReclassified':
        facts = { ...facts, severity: event.data.severity, category: event.data.category };
        break;
      case 'SeverityChanged':
        facts = { ...facts, severity: event.data.severity };
        break;
      case 'IncidentReopened':
        facts = { ...facts, reopenCount: event.data.reopenCount };
        break;
      case 'SlaBreached':
        facts = { ...facts, slaBreached: true };
        break;
      default:
        break;
    }
  }
  return facts;
}
