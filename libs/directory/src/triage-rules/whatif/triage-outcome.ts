import type { IncidentCategory, Severity } from '@incident/domain';

/** What became of an incident at triage: routed to a team, or disposed of without one; untriaged when neither. */
export const DISPOSITIONS = ['routed', 'no_action', 'returned_to_customer', 'untriaged'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/**
 * One triage decision in the terms a what-if compares: the same shape whether it was read from history or
 * computed by a proposed rule set, so the comparison never depends on where a decision came from.
 */
export interface TriageOutcome {
  readonly category: IncidentCategory | null;
  readonly severity: Severity | null;
  readonly owningTeam: string | null;
  readonly disposition: Disposition;
  readonly ruleId: string | null;
  /** Whether the decision sends someone a page: routed, and neither a drill nor inside a maintenance window. */
  readonly pages: boolean;
}

export const UNTRIAGED: TriageOutcome = {
  category: null,
  severity: null,
  owningTeam: null,
  disposition: 'untriaged',
  ruleId: null,
  pages: false,
};
