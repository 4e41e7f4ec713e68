import type { IncidentCategory, IsoTimestamp, Severity } from '@incident/domain';
import type { DecidedBy } from './historic-incident';
import type { TriageOutcome } from './triage-outcome';

/** What a proposed rule set can change about an incident, in the order a report lists them. */
export const ASPECTS = ['category', 'severity', 'owningTeam', 'disposition', 'pages'] as const;
export type Aspect = (typeof ASPECTS)[number];

/** One incident whose proposed outcome differs from the actual one. */
export interface WhatIfRow {
  readonly incidentId: string;
  readonly openedAt: IsoTimestamp;
  readonly title: string;
  readonly customerId: string;
  readonly service: string;
  readonly decidedBy: DecidedBy;
  readonly actual: TriageOutcome;
  readonly proposed: TriageOutcome;
  readonly differences: readonly Aspect[];
}

/** How many incidents moved from one value to another, e.g. from customer-success to application-support. */
export interface Transition<Value> {
  readonly from: Value | null;
  readonly to: Value | null;
  readonly incidents: number;
}

export interface WhatIfTotals {
  readonly incidents: number;
  readonly changed: number;
  /** Incidents where a person's decision is in force: the proposal would have been overruled by them. */
  readonly changedWherePersonDecided: number;
  readonly byAspect: Readonly<Record<Aspect, number>>;
  readonly owningTeam: readonly Transition<string>[];
  readonly category: readonly Transition<IncidentCategory>[];
  readonly severity: readonly Transition<Severity>[];
  readonly disposition: readonly Transition<string>[];
  readonly pages: { readonly actual: number; readonly proposed: number };
  /** The totals in words, largest change first ("37 incidents would have gone to … instead of …"). */
  readonly summary: readonly string[];
}

/** The aspects in which `proposed` differs from `actual`; the rule id alone is not a difference. */
export function differencesOf(actual: TriageOutcome, proposed: TriageOutcome): Aspect[] {
  return ASPECTS.filter((aspect) => actual[aspect] !== proposed[aspect]);
}

type Counts = Map<string, { from: string | null; to: string | null; incidents: number }>;

function count(counts: Counts, from: string | null, to: string | null): void {
  const key = JSON.stringify([from, to]);
  const entry = counts.get(key) ?? { from, to, incidents: 0 };
  counts.set(key, { ...entry, incidents: entry.incidents + 1 });
}

const largestFirst = <T extends { incidents: number; from: string | null; to: string | null }>(list: T[]): T[] =>
  list.sort((a, b) => b.incidents - a.incidents || `${a.from}>${a.to}`.localeCompare(`${b.from}>${b.to}`));

const incidents = (n: number): string => (n === 1 ? '1 incident' : `${n} incidents`);
const named = (value: string | null, none: string): string => value ?? none;

const DISPOSITION_WORDS: Readonly<Record<string, string>> = {
  routed: 'been routed to a team',
  no_action: 'been marked no action needed',
  returned_to_customer: 'been returned to the customer',
  untriaged: 'been left for a person',
};

function sentences(totals: Omit<WhatIfTotals, 'summary'>): string[] {
  const lines: [number, string][] = [];
  for (const t of totals.owningTeam) {
    lines.push([
      t.incidents,
      `${incidents(t.incidents)} would have gone to ${named(t.to, 'no team')} instead of ${named(t.from, 'no team')}`,
    ]);
  }
  for (const t of totals.disposition) {
    const to = DISPOSITION_WORDS[t.to ?? 'untriaged'];
    const from = DISPOSITION_WORDS[t.from ?? 'untriaged']?.replace(/^been /, '');
    lines.push([t.incidents, `${incidents(t.incidents)} would have ${to} instead of ${from}`]);
  }
  for (const t of totals.severity) {
    lines.push([
      t.incidents,
      `${incidents(t.incidents)} would have been ${named(t.to, 'without severity')} instead of ${named(t.from, 'without severity')}`,
    ]);
  }
  for (const t of totals.category) {
    lines.push([
      t.incidents,
      `${incidents(t.incidents)} would have been ${named(t.to, 'uncategorised')} instead of ${named(t.from, 'uncategorised')}`,
    ]);
  }
  const sorted = lines.sort((a, b) => b[0] - a[0]).map(([, line]) => line);
  const delta = totals.pages.proposed - totals.pages.actual;
  if (delta !== 0)
    sorted.push(`${Math.abs(delta)} ${delta < 0 ? 'fewer' : 'more'} page${Math.abs(delta) === 1 ? '' : 's'}`);
  if (totals.changed === 0) sorted.push(`no difference over ${incidents(totals.incidents)}`);
  return sorted;
}

/**
 * Accumulates the comparison one incident at a time (a replay may cover many thousands) and keeps only the
 * rows that differ. Pure: no clock, no I/O.
 */
export class WhatIfComparison {
  private examined = 0;
  private readonly rows: WhatIfRow[] = [];
  private readonly byAspect = Object.fromEntries(ASPECTS.map((aspect) => [aspect, 0])) as Record<Aspect, number>;
  private readonly transitions = {
    owningTeam: new Map() as Counts,
    category: new Map() as Counts,
    severity: new Map() as Counts,
    disposition: new Map() as Counts,
  };
  private readonly pages = { actual: 0, proposed: 0 };
  private personDecided = 0;

  add(row: Omit<WhatIfRow, 'differences'>): WhatIfRow | undefined {
    this.examined += 1;
    if (row.actual.pages) this.pages.actual += 1;
    if (row.proposed.pages) this.pages.proposed += 1;
    const differences = differencesOf(row.actual, row.proposed);
    if (differences.length === 0) return undefined;
    for (const aspect of differences) this.byAspect[aspect] += 1;
    for (const aspect of ['owningTeam', 'category', 'severity', 'disposition'] as const) {
      if (differences.includes(aspect)) count(this.transitions[aspect], row.actual[aspect], row.proposed[aspect]);
    }
    if (row.decidedBy === 'person') this.personDecided += 1;
    const changed = { ...row, differences };
    this.rows.push(changed);
    return changed;
  }

  report(): { totals: WhatIfTotals; rows: readonly WhatIfRow[] } {
    const list = <V>(counts: Counts) => largestFirst([...counts.values()]) as Transition<V>[];
    const totals = {
      incidents: this.examined,
      changed: this.rows.length,
      changedWherePersonDecided: this.personDecided,
      byAspect: { ...this.byAspect },
      owningTeam: list<string>(this.transitions.owningTeam),
      category: list<IncidentCategory>(this.transitions.category),
      severity: list<Severity>(this.transitions.severity),
      disposition: list<string>(this.transitions.disposition),
      pages: { ...this.pages },
    };
    return { totals: { ...totals, summary: sentences(totals) }, rows: [...this.rows] };
  }
}
