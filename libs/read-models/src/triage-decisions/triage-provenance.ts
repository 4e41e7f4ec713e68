import type { IncidentEventOf } from '@incident/domain';

type TriageData = IncidentEventOf<'IncidentTriaged' | 'IncidentReclassified'>['data'];

/**
 * The applied triage rule-set version that decided (a person's triage has none). Triage records it with the
 * classification from issue 14 on; events written before have none, so it is read as optional whatever the
 * domain's type of this build says.
 */
export function ruleSetVersionOf(data: TriageData): number | null {
  const version = (data as { ruleSetVersion?: unknown }).ruleSetVersion;
  return typeof version === 'number' && Number.isInteger(version) ? version : null;
}

/** Why the rule decided as it did (its matched conditions), when triage recorded it; [] for older events. */
export function reasonsOf(data: TriageData): unknown[] {
  const reasons = (data as { reasons?: unknown }).reasons;
  return Array.isArray(reasons) ? (reasons as unknown[]) : [];
}
