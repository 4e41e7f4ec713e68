import type { DataSource } from 'typeorm';
import { qualified } from '../schema/read-model-schema';
import type { MetricPeriod } from './response-metrics.queries';

/** `exclude`: the real incidents, the figures that count; `only`: the drills' figures, kept apart. */
export const DRILL_FIGURES = ['exclude', 'only'] as const;
export type DrillFigures = (typeof DRILL_FIGURES)[number];

export interface ResponseFiguresFilter {
  /** Inclusive UTC days, `YYYY-MM-DD`. */
  readonly from: string;
  readonly to: string;
  readonly period: MetricPeriod;
  readonly drills: DrillFigures;
  readonly team?: string;
  readonly severity?: string;
  readonly category?: string;
}

/**
 * MTTA, MTTR and time to review of one period, team, category and severity. Means are over the cycles that
 * reached the milestone; seconds are null where none did. Time to review runs from resolution to publication.
 */
export interface CategoryFigures {
  readonly periodStart: string;
  readonly team: string;
  readonly category: string;
  readonly severity: string;
  readonly drill: boolean;
  readonly incidents: number;
  readonly acknowledged: number;
  readonly mttaSeconds: number | null;
  readonly mttaSecondsMax: number | null;
  readonly resolved: number;
  readonly mttrSeconds: number | null;
  readonly mttrSecondsMax: number | null;
  readonly reviewed: number;
  readonly timeToReviewSeconds: number | null;
  readonly timeToReviewSecondsMax: number | null;
}

interface Row {
  period_start: string;
  team: string;
  category: string;
  severity: string;
  drill: boolean;
  incidents: number;
  acknowledged: number;
  mtta: string | null;
  mtta_max: string | null;
  resolved: number;
  mttr: string | null;
  mttr_max: string | null;
  reviewed: number;
  review: string | null;
  review_max: string | null;
}

const numberOrNull = (value: string | null): number | null => (value === null ? null : Number(value));

/** The daily rows rolled up to the period per team, category and severity; exact means, as responseMetrics. */
export async function responseFiguresByCategory(
  dataSource: DataSource,
  filter: ResponseFiguresFilter,
): Promise<CategoryFigures[]> {
  const rows: Row[] = await dataSource.query(
    `SELECT to_char(date_trunc($3, day::timestamp), 'YYYY-MM-DD') AS period_start, team, category, severity, drill,
       sum(incidents)::int AS incidents, sum(acknowledged)::int AS acknowledged,
       round(sum(mtta_seconds_total) / NULLIF(sum(acknowledged), 0), 3)::text AS mtta,
       max(mtta_seconds_max)::text AS mtta_max,
       sum(resolved)::int AS resolved,
       round(sum(mttr_seconds_total) / NULLIF(sum(resolved), 0), 3)::text AS mttr,
       max(mttr_seconds_max)::text AS mttr_max,
       sum(reviewed)::int AS reviewed,
       round(sum(review_seconds_total) / NULLIF(sum(reviewed), 0), 3)::text AS review,
       max(review_seconds_max)::text AS review_max
     FROM ${qualified('daily_response_metrics')}
     WHERE day BETWEEN $1::date AND $2::date AND drill = $4
       AND ($5::text IS NULL OR team = $5) AND ($6::text IS NULL OR severity = $6)
       AND ($7::text IS NULL OR category = $7)
     GROUP BY 1, 2, 3, 4, 5
     ORDER BY 1, 2, 3, 4`,
    [
      filter.from,
      filter.to,
      filter.period,
      filter.drills === 'only',
      filter.team ?? null,
      filter.severity ?? null,
      filter.category ?? null,
    ],
  );
  return rows.map((row) => ({
    periodStart: row.period_start,
    team: row.team,
    category: row.category,
    severity: row.severity,
    drill: row.drill,
    incidents: row.incidents,
    acknowledged: row.acknowledged,
    mttaSeconds: numberOrNull(row.mtta),
    mttaSecondsMax: numberOrNull(row.mtta_max),
    resolved: row.resolved,
    mttrSeconds: numberOrNull(row.mttr),
    mttrSecondsMax: numberOrNull(row.mttr_max),
    reviewed: row.reviewed,
    timeToReviewSeconds: numberOrNull(row.review),
    timeToReviewSecondsMax: numberOrNull(row.review_max),
  }));
}
