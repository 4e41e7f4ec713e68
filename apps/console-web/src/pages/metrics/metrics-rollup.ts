/**
 * One row of the figures: GET /v1/metrics/response (per period, team and severity, with SLA breaches) or
 * GET /v1/metrics/figures (also per category, with time to review, without breaches).
 */
export interface FigureRow {
  readonly periodStart: string;
  readonly team: string;
  readonly severity: string;
  readonly category?: string;
  readonly incidents: number;
  readonly acknowledged: number;
  readonly mttaSeconds: number | null;
  readonly resolved: number;
  readonly mttrSeconds: number | null;
  readonly breachedIncidents?: number;
  readonly reviewed?: number;
  readonly timeToReviewSeconds?: number | null;
}

export type Dimension = 'periodStart' | 'team' | 'severity' | 'category';

/** Figures rolled up over one dimension: means weighted by how many incidents each row's mean covers. */
export interface Rollup {
  readonly key: string;
  readonly incidents: number;
  readonly mttaMinutes: number | null;
  readonly mttrMinutes: number | null;
  /** Resolution to published review, where the figures have it. */
  readonly timeToReviewMinutes: number | null;
  /** Share of incidents with no SLA breach, in percent; null where the figures do not count breaches. */
  readonly slaCompliancePercent: number | null;
}

interface Mean {
  count: number;
  total: number;
}

interface Sums {
  incidents: number;
  mtta: Mean;
  mttr: Mean;
  review: Mean;
  breached: number | null;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;
/** Two decimals: a response of a few seconds still shows (0.07 min) rather than 0. */
const round2 = (value: number): number => Math.round(value * 100) / 100;
const add = (mean: Mean, seconds: number | null | undefined, count: number | undefined) => {
  if (seconds === null || seconds === undefined || !count) return;
  mean.count += count;
  mean.total += seconds * count;
};
const minutes = (mean: Mean): number | null => (mean.count > 0 ? round2(mean.total / mean.count / 60) : null);

/**
 * Rows rolled up by `by`. A row's mean covers its acknowledged (MTTA), resolved (MTTR) or reviewed (time to
 * review) incidents, so it is weighted by those counts; compliance is 1 − breached / incidents.
 */
export function rollUp(figures: readonly FigureRow[], by: Dimension): Rollup[] {
  const sums = new Map<string, Sums>();
  for (const row of figures) {
    const key = row[by] ?? 'unknown';
    const sum = sums.get(key) ?? {
      incidents: 0,
      mtta: { count: 0, total: 0 },
      mttr: { count: 0, total: 0 },
      review: { count: 0, total: 0 },
      breached: 0,
    };
    sum.incidents += row.incidents;
    sum.breached =
      row.breachedIncidents === undefined || sum.breached === null ? null : sum.breached + row.breachedIncidents;
    add(sum.mtta, row.mttaSeconds, row.acknowledged);
    add(sum.mttr, row.mttrSeconds, row.resolved);
    add(sum.review, row.timeToReviewSeconds, row.reviewed);
    sums.set(key, sum);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, sum]) => ({
      key,
      incidents: sum.incidents,
      mttaMinutes: minutes(sum.mtta),
      mttrMinutes: minutes(sum.mttr),
      timeToReviewMinutes: minutes(sum.review),
      slaCompliancePercent:
        sum.breached !== null && sum.incidents > 0 ? round1(100 * (1 - sum.breached / sum.incidents)) : null,
    }));
}
