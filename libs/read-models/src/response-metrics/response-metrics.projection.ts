import type { EntityManager } from 'typeorm';
import type { Projection } from '../projection/projection';
import { applyToIncidentRows } from '../projection/incident-rows';
import { qualified } from '../schema/read-model-schema';
import { UNASSIGNED_TEAM, UNKNOWN_CATEGORY, UNKNOWN_SEVERITY } from './daily-response-metrics.entity';
import { ResponseCycle } from './response-cycle.entity';
import { RESPONSE_METRICS_EVENTS } from './response-metrics.events';
import { evolveResponseCycles } from './response-cycle.evolve';

const SECONDS = (from: string, to: string) => `EXTRACT(EPOCH FROM ${to} - ${from})`;

/**
 * Replaces the figures of the given days with a fresh aggregate of their cycles. A cycle's day never changes,
 * so the days a batch touched are exactly the rows that can differ; a recompute is as exact as a rebuild.
 */
async function recomputeDays(manager: EntityManager, days: readonly string[]): Promise<void> {
  if (days.length === 0) return;
  await manager.query(`DELETE FROM ${qualified('daily_response_metrics')} WHERE day = ANY($1::date[])`, [days]);
  await manager.query(
    `INSERT INTO ${qualified('daily_response_metrics')} (day, team, severity, category, drill, incidents,
       acknowledged, mtta_seconds_total, mtta_seconds_max, resolved, mttr_seconds_total, mttr_seconds_max,
       reviewed, review_seconds_total, review_seconds_max,
       breached_incidents, acknowledgement_breaches, mitigation_breaches, resolution_breaches)
     SELECT day, COALESCE(team, $2), COALESCE(severity, $3), COALESCE(category, $4), drill, count(*),
       count(acknowledged_at), COALESCE(sum(${SECONDS('opened_at', 'acknowledged_at')}), 0),
       max(${SECONDS('opened_at', 'acknowledged_at')}),
       count(resolved_at), COALESCE(sum(${SECONDS('opened_at', 'resolved_at')}), 0),
       max(${SECONDS('opened_at', 'resolved_at')}),
       count(reviewed_at), COALESCE(sum(${SECONDS('resolved_at', 'reviewed_at')}), 0),
       max(${SECONDS('resolved_at', 'reviewed_at')}),
       count(*) FILTER (WHERE acknowledgement_breached OR mitigation_breached OR resolution_breached),
       count(*) FILTER (WHERE acknowledgement_breached), count(*) FILTER (WHERE mitigation_breached),
       count(*) FILTER (WHERE resolution_breached)
     FROM ${qualified('response_cycle')}
     WHERE day = ANY($1::date[])
     GROUP BY 1, 2, 3, 4, 5`,
    [days, UNASSIGNED_TEAM, UNKNOWN_SEVERITY, UNKNOWN_CATEGORY],
  );
}

export const responseMetricsProjection: Projection = {
  name: 'response_metrics',
  description:
    'response cycles and daily MTTA/MTTR/time-to-review/SLA figures per team, severity and category, drills apart',
  tables: ['response_cycle', 'daily_response_metrics'],
  handles: RESPONSE_METRICS_EVENTS,
  apply: async (manager, events) => {
    const changed = await applyToIncidentRows(manager, { entity: ResponseCycle, evolve: evolveResponseCycles }, events);
    await recomputeDays(manager, [...new Set(changed.map((cycle) => cycle.day))]);
  },
};
