import type { WhatIfPeriod } from './incident-history-reader';

/** How a caller names a what-if's period: `since` (30d, 12h, 2w) back from now, or `from`/`to` instants. */
export interface WhatIfPeriodSpec {
  readonly since?: string;
  readonly from?: string;
  readonly to?: string;
}

export const DEFAULT_WHATIF_SINCE = '30d';
const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };
export const SINCE_PATTERN = /^(\d{1,5})([hdw])$/;

function instant(value: string, name: string): Date | string {
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? `${name} must be an ISO-8601 time, e.g. 2026-11-22T04:00:00Z` : at;
}

/**
 * The period a spec names, or why it names none. `now` comes from the caller (the edge reads the clock): `to`
 * defaults to it, `from` to `since` before `to` (30 days by default). `since` and `from` exclude each other.
 */
export function whatIfPeriod(spec: WhatIfPeriodSpec, now: Date): WhatIfPeriod | { readonly error: string } {
  if (spec.since !== undefined && spec.from !== undefined) return { error: 'give since or from, not both' };
  const to = spec.to === undefined ? now : instant(spec.to, 'to');
  if (typeof to === 'string') return { error: to };
  if (spec.from !== undefined) {
    const from = instant(spec.from, 'from');
    if (typeof from === 'string') return { error: from };
    return from < to ? { from, to } : { error: 'from must be before to' };
  }
  const since = SINCE_PATTERN.exec(spec.since ?? DEFAULT_WHATIF_SINCE);
  if (since === null) return { error: 'since must be a number and a unit: 12h, 30d, 2w' };
  const span = Number(since[1]) * (UNIT_MS[since[2] ?? 'd'] ?? 0);
  return { from: new Date(to.getTime() - span), to };
}
