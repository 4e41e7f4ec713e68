import type { IncidentCategory, TriageFlag } from '@incident/domain';

/** The label an alert carries the service's current size in (instances, or the instance-size step). */
export const CURRENT_SIZE_LABEL = 'instances';

/** What the planner knows of the incident: the triage's classification and the incident's own facts. */
export interface RemediationFacts {
  readonly incidentId: string;
  readonly category: IncidentCategory;
  readonly service: string;
  readonly customerId: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly flags: readonly TriageFlag[];
  /** From the `instances` label; `null` when the alert did not say, and then scaling asks first. */
  readonly currentSize: number | null;
}

/** A whole number ≥ 0 in the label, else unknown: a guessed size could scale past the limits. */
export function currentSizeFrom(labels: Readonly<Record<string, string>>): number | null {
  const value = labels[CURRENT_SIZE_LABEL];
  if (value === undefined || !/^\d+$/.test(value.trim())) return null;
  return Number(value.trim());
}
