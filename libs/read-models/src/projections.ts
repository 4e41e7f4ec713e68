import { actionItemProjection } from './action-item/action-item.projection';
import { customerHoursProjection } from './customer-hours/customer-hours.projection';
import { incidentSummaryProjection } from './incident-summary/incident-summary.projection';
import { incidentTimelineProjection } from './incident-timeline/incident-timeline.projection';
import { oncallPageProjection } from './oncall-page/oncall-page.projection';
import type { Projection } from './projection/projection';
import { recentChangesProjection } from './recent-changes/recent-changes.projection';
import { responseMetricsProjection } from './response-metrics/response-metrics.projection';
import { slaStatusProjection } from './sla-status/sla-status.projection';
import { triageDecisionProjection } from './triage-decisions/triage-decision.projection';

/** Every projection the query service runs, by the name `projections rebuild <name>` takes. */
export const PROJECTIONS: readonly Projection[] = [
  incidentSummaryProjection,
  incidentTimelineProjection,
  slaStatusProjection,
  actionItemProjection,
  oncallPageProjection,
  responseMetricsProjection,
  triageDecisionProjection,
  customerHoursProjection,
  recentChangesProjection,
];

export const PROJECTION_NAMES = PROJECTIONS.map((projection) => projection.name);

export class UnknownProjection extends Error {
  constructor(readonly requested: string) {
    super(`no projection named "${requested}"; known: ${PROJECTION_NAMES.join(', ')}`);
    this.name = 'UnknownProjection';
  }
}

/** All projections, or the one named. */
export function selectProjections(name?: string): readonly Projection[] {
  if (name === undefined) return PROJECTIONS;
  const found = PROJECTIONS.find((projection) => projection.name === name);
  if (!found) throw new UnknownProjection(name);
  return [found];
}
