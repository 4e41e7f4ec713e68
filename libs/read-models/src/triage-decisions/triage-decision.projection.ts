import type { Projection } from '../projection/projection';
import { insertRows } from '../projection/upsert-rows';
import { TriageDecision } from './triage-decision.entity';
import { TRIAGE_DECISION_EVENTS, triageDecisionFor } from './triage-decision.evolve';

export const triageDecisionProjection: Projection = {
  name: 'triage_decisions',
  description: 'one row per triage decision: rule set version, rule, reasons, classification',
  tables: ['triage_decisions'],
  handles: TRIAGE_DECISION_EVENTS,
  apply: (manager, events) =>
    insertRows(
      manager,
      TriageDecision,
      events.flatMap((projected) => triageDecisionFor(projected) ?? []),
    ),
};
