import type { ResponseFigures } from '../../api/types';

/** Figures rolled up over one dimension: means weighted by how many incidents each row's mean covers. */
export interface Rollup {
  readonly key: string;
  readonly incidents: number;
  readonly mttaMinutes: number | null;
  readonly mttrMinutes: number | null;
  /** Share of incidents with no SLA breach, in percent. */
  readonly slaCompliancePercent: number | null;
}

interface Sums {
  incidents: number;
  acknowledged: number;
  mttaTotal: number;
  resolved: number;
  mttrTotal: number;
  breached: number;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

/**
 * Rows per period, team and severity, rolled up by `by`. A row's mean covers its acknowledged (MTTA) or resolved
 * (MTTR) incidents, so it is weighted by those counts; compliance is 1 − breached / incidents.
 */
export function rollUp(figures: readonly ResponseFigures[], by: 'periodStart' | 'team' | 'severity'): Rollup[] {
  const sums = new Map<string, Sums>();
  for (const row of figures) {
    const sum = sums.get(row[by]) ?? {
      incidents: 0,
      acknowledged: 0,
      mttaTotal: 0,
      resolved: 0,
      mttrTotal: 0,
      breached: 0,
    };
    sum.incidents += row.incidents;
    sum.breached += row.breachedIncidents;
    if (row.mttaSeconds !== null) {
      sum.acknowledged += row.acknowledged;
      sum.mttaTotal += row.mttaSeconds * row.acknowledged;
    }
    if (row.mttrSeconds !== null) {
      sum.resolved += row.resolved;
      sum.mttrTotal += row.mttrSeconds * row.resolved;
    }
    sums.set(row[by], sum);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, sum]) => ({
      key,
      incidents: sum.incidents,
      mttaMinutes: sum.acknowledged > 0 ? round1(sum.mttaTotal / sum.acknowledged / 60) : null,
      mttrMinutes: sum.resolved > 0 ? round1(sum.mttrTotal / sum.resolved / 60) : null,
      slaCompliancePercent: sum.incidents > 0 ? round1(100 * (1 - sum.breached / sum.incidents)) : null,
    }));
}
