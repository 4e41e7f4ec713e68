import type { DataSource } from 'typeorm';
import { qualified } from '../schema/read-model-schema';

export const METRIC_PERIODS = ['day', 'week', 'month'] as const;
export type MetricPeriod = (typeof METRIC_PERIODS)[number];

export interface ResponseMetricsFilter {
  /** Inclusive UTC days, `YYYY-MM-DD`. */
  readonly from: string;
  readonly to: string;
  readonly period: MetricPeriod;
  readonly team?: string;
  readonly severity?: string;
}

/** Figures of one period, team and severity; seconds are null where nothing was acknowledged or resolved. */
export interface ResponseFigures {
  /** First day of the period (weeks start on Monday). */
  readonly periodStart: string;
  readonly team: string;
  readonly severity: string;
  readonly incidents: number;
  readonly acknowledged: number;
  readonly mttaSeconds: number | null;
  readonly mttaSecondsMax: number | null;
  readonly resolved: number;
  readonly mttrSeconds: number | null;
  readonly mttrSecondsMax: number | null;
  readonly breachedIncidents: number;
  readonly acknowledgementBreaches: number;
  readonly mitigationBreaches: number;
  readonly resolutionBreaches: number;
  /** Share of incidents with no SLA breached, 0…1; null without incidents. */
  readonly slaCompliance: number | null;
}

interface FiguresRow {
  period_start: string;
  team: string;
  severity: string;
  incidents: number;
  acknowledged: number;
  mtta: string | null;
  mtta_max: string | null;
  resolved: number;
  mttr: string | null;
  mttr_max: string | null;
  breached_incidents: number;
  acknowledgement_breaches: number;
  mitigation_breaches: number;
  resolution_breaches: number;
}

const numberOrNull = (value: string | null): number | null => (value === null ? null : Number(value));

/**
 * Rolls the daily rows up to the period: means are sum(total) / sum(count) over the period, exact, never a mean
 * of daily means, summed over categories. Drills are left out (their rows are kept apart: reviewFigures).
 */
export async function responseMetrics(
  dataSource: DataSource,
  filter: ResponseMetricsFilter,
): Promise<ResponseFigures[]> {
  const rows: FiguresRow[] = await dataSource.query(
    `SELECT to_char(date_trunc($3, day::timestamp), 'YYYY-MM-DD') AS period_start, team, severity,
       sum(incidents)::int AS incidents, sum(acknowledged)::int AS acknowledged,
       round(sum(mtta_seconds_total) / NULLIF(sum(acknowledged), 0), 3)::text AS mtta,
       max(mtta_seconds_max)::text AS mtta_max,
       sum(resolved)::int AS resolved,
       round(sum(mttr_seconds_total) / NULLIF(sum(resolved), 0), 3)::text AS mttr,
       max(mttr_seconds_max)::text AS mttr_max,
       sum(breached_incidents)::int AS breached_incidents,
       sum(acknowledgement_breaches)::int AS acknowledgement_breaches,
       sum(mitigation_breaches)::int AS mitigation_breaches,
       sum(resolution_breaches)::int AS resolution_breaches
     FROM ${qualified('daily_response_metrics')}
     WHERE day BETWEEN $1::date AND $2::date AND NOT drill
       AND ($4::text IS NULL OR team = $4) AND ($5::text IS NULL OR severity = $5)
     GROUP BY 1, 2, 3
     ORDER BY 1, 2, 3`,
    [filter.from, filter.to, filter.period, filter.team ?? null, filter.severity ?? null],
  );
  return rows.map((row) => ({
    periodStart: row.period_start,
    team: row.team,
    severity: row.severity,
    incidents: row.incidents,
    acknowledged: row.acknowledged,
    mttaSeconds: numberOrNull(row.mtta),
    mttaSecondsMax: numberOrNull(row.mtta_max),
    resolved: row.resolved,
    mttrSeconds: numberOrNull(row.mttr),
    mttrSecondsMax: numberOrNull(row.mttr_max),
    breachedIncidents: row.breached_incidents,
    acknowledgementBreaches: row.acknowledgement_breaches,
    mitigationBreaches: row.mitigation_breaches,
    resolutionBreaches: row.resolution_breaches,
    slaCompliance: row.incidents === 0 ? null : Number((1 - row.breached_incidents / row.incidents).toFixed(4)),
  }));
}
