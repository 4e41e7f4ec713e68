import { createHash } from 'node:crypto';
import type { IncidentCategory, Severity } from '@incident/domain';
import type { Integration } from '@incident/contracts';

/** What every wire format is reduced to: one alert of one integration, firing, resolved or acknowledged. */
export interface AlertSignal {
  readonly integration: Integration;
  readonly action: 'fire' | 'resolve' | 'acknowledge';
  /** The alert within its incident: an explicit dedup key, the Alertmanager fingerprint, or a stable hash. */
  readonly dedupKey: string;
  /** Selects the incident: the dedup key, or the integration's group_by label values. */
  readonly groupKey: string;
  readonly source: string;
  readonly customerId: string;
  readonly service: string;
  readonly title: string;
  readonly category: IncidentCategory;
  readonly severity: Severity | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly correlationId: string;
}

/** A stable dedup key when the source gives none: the source and its labels, in key order. */
export function stableDedupKey(source: string, labels: Readonly<Record<string, string>>): string {
  const canonical = JSON.stringify([source, Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1))]);
  return `h-${createHash('sha256').update(canonical).digest('hex').slice(0, 40)}`;
}

/** Like Alertmanager's group_by: alerts agreeing on these labels share an incident; none: the dedup key alone. */
export function groupKeyFor(
  groupBy: readonly string[],
  dedupKey: string,
  labels: Readonly<Record<string, string>>,
): string {
  if (groupBy.length === 0) return `key:${dedupKey}`;
  return `group:${JSON.stringify(groupBy.map((name) => [name, labels[name] ?? '']))}`;
}

/** Labels as the domain accepts them: non-empty keys, string values, at most 64 of them. */
export function cleanLabels(raw: Readonly<Record<string, unknown>> | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw ?? {}).slice(0, 64)) {
    if (key.trim() === '' || value === null || value === undefined) continue;
    labels[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return labels;
}

/** A text the domain will accept: trimmed, never blank, bounded. */
export const textOr = (value: string | null | undefined, fallback: string, max = 1024): string => {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  return (trimmed === '' ? fallback : trimmed).slice(0, max);
};
