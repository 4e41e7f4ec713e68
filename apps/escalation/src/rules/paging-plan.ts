import type { Directory, EscalationPolicy, MaintenanceWindow } from '@incident/directory';
import type { IncidentState, IsoTimestamp, OpenedIncident, PageIntent, Severity } from '@incident/domain';
import type { EscalationPosition, EscalationStep } from './escalation-policy';

/**
 * The engine's bookkeeping as pure functions: the keys that make timers and pages idempotent, whether a level
 * should still page when its timer fires, and which pages of a step are still to be asked for. A response
 * cycle (`reopenCount`) has a policy run of its own, so a reopened incident pages afresh under new keys.
 */

/** The timer of one level of one round of the policy run of a cycle. */
export const levelTimerKey = (incidentId: string, cycle: number, position: EscalationPosition): string =>
  `escalation-level:${incidentId}:${cycle}:${position.level}:${position.repeat}`;

/** A person asked for help: the level asked for is paged at once, under a key of that request's own. */
export const helpTimerKey = (incidentId: string, escalationEventId: string): string =>
  `escalation-help:${incidentId}:${escalationEventId}`;

/** Short and unique within the incident; the same page asked for again gets the same id. */
export const pageIdOf = (cycle: number, attempt: number, personId: string): string => `${cycle}.${attempt}.${personId}`;

/**
 * The idempotency key every delivery of a page carries (issue 15: incident, level, attempt, target; the cycle
 * too, since a reopened incident is paged again). Never a clock or a random id: a re-delivery after a crash
 * must carry the very same key.
 */
export const pageKeyOf = (
  incidentId: string,
  cycle: number,
  level: number,
  attempt: number,
  personId: string,
): string => `page:${incidentId}:${cycle}:${level}:${attempt}:${personId}`;

export type PagingReason = 'policy' | 'help';

/**
 * Whether a level falling due now should still page. The policy pages while nobody has acknowledged in the
 * cycle it was started for; a person who acknowledged and then asked for help gets the level they asked for,
 * but the policy does not run on from there.
 */
export function shouldPage(incident: IncidentState, cycle: number, reason: PagingReason): incident is OpenedIncident {
  if (incident.status === 'initial' || incident.reopenCount !== cycle || incident.owningTeam === null) return false;
  if (incident.status === 'triggered' || incident.status === 'triaged') return true;
  return (
    reason === 'help' &&
    incident.status === 'acknowledged' &&
    incident.escalationLevel > (incident.acknowledgedAtLevel ?? 1)
  );
}

/** Whether the policy continues after this step: only while nobody has acknowledged. */
export const continuesAfter = (incident: OpenedIncident): boolean =>
  incident.status === 'triggered' || incident.status === 'triaged';

/** The pages of a step not asked for yet (a firing repeated after a crash finds the others recorded). */
export function pagesToRequest(
  incident: OpenedIncident,
  cycle: number,
  step: Extract<EscalationStep, { kind: 'page' }>,
): PageIntent[] {
  const requested = new Set(incident.pages.map((page) => page.pageId));
  return step.targets
    .map(({ personId }) => ({
      pageId: pageIdOf(cycle, step.attempt, personId),
      target: personId,
      idempotencyKey: pageKeyOf(incident.incidentId, cycle, step.position.level, step.attempt, personId),
    }))
    .filter((page) => !requested.has(page.pageId));
}

/** Where the policy run of a cycle stands: the position of its last page, from the stream itself. */
export function lastPagedPosition(
  incident: OpenedIncident,
  cycle: number,
  policy: EscalationPolicy,
): EscalationPosition | null {
  const pages = incident.pages.filter((page) => page.cycle === cycle);
  const last = pages.reduce<(typeof pages)[number] | undefined>(
    (latest, page) => (latest === undefined || page.attempt > latest.attempt ? page : latest),
    undefined,
  );
  if (!last) return null;
  return { level: last.level, repeat: Math.floor((last.attempt - last.level) / policy.levels.length) };
}

/** The maintenance window the incident's service is in at `at`, if any: such an incident is not paged. */
export function maintenanceWindowOf(
  directory: Directory,
  incident: OpenedIncident,
  at: IsoTimestamp,
): MaintenanceWindow | undefined {
  const instant = Date.parse(at);
  return directory.maintenanceWindows.find(
    (window) =>
      window.customer === incident.customerId &&
      window.services.includes(incident.service) &&
      Date.parse(window.from) <= instant &&
      instant < Date.parse(window.until),
  );
}

/** The directory's SLA table names severities its own way (critical, medium) where incidents say urgent, normal. */
export const DIRECTORY_SEVERITY: Readonly<Record<Severity, 'critical' | 'high' | 'medium' | 'low'>> = {
  urgent: 'critical',
  high: 'high',
  normal: 'medium',
  low: 'low',
};
