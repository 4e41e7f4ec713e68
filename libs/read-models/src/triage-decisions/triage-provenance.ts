import type { IncidentEventOf } from '@incident/domain';

type TriageData = IncidentEventOf<'IncidentTriaged' | 'IncidentReclassified'>['data'];

/**
 * The version of triage's rule set that decided. Newer triage services record it with the classification; events
 * written before they did have none, so it is read as optional whatever the domain's type says.
 */
export function ruleSetVersionOf(data: TriageData): string | null {
  const version = (data as { ruleSetVersion?: unknown }).ruleSetVersion;
  return typeof version === 'string' || typeof version === 'number' ? String(version) : null;
}

/** Why the rule decided as it did (its matched conditions), when triage recorded it; [] for older events. */
export function reasonsOf(data: TriageData): unknown[] {
  const reasons = (data as { reasons?: unknown }).reasons;
  return Array.isArray(reasons) ? (reasons as unknown[]) : [];
}
