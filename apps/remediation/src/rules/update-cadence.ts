import type { Directory } from '@incident/directory';
import type { IncidentEvent, IncidentState } from '@incident/domain';

/** What a customer-update reminder is for: one run of escalation's `customer_update` SLA clock. */
export interface UpdateClockRun {
  readonly incidentId: string;
  /** The response cycle the clock runs in (the incident's reopen count): a reopen starts new clocks. */
  readonly cycle: number;
  readonly startedAt: string;
  readonly dueAt: string;
}

/** The reminder goes out this long before the update is due, or a quarter of the interval for short cadences. */
export const UPDATE_REMINDER_LEAD_MS = 10 * 60_000;

export function updateReminderAt(run: Pick<UpdateClockRun, 'startedAt' | 'dueAt'>): Date {
  const due = Date.parse(run.dueAt);
  const lead = Math.min(UPDATE_REMINDER_LEAD_MS, (due - Date.parse(run.startedAt)) / 4);
  return new Date(due - lead);
}

/** One reminder per run of the clock: the clock restarted at an update is a new run with a new due time. */
export const updateReminderKey = (run: UpdateClockRun): string =>
  `customer-update-reminder:${run.incidentId}:${run.cycle}:${Date.parse(run.dueAt)}`;

const OPEN: readonly string[] = ['triggered', 'triaged', 'acknowledged', 'mitigated'];

/**
 * Whether the reminder still has a point when it fires: the incident is open in the same cycle, it is no drill
 * (drills run no SLA clocks, and never reach customers), and the customer has not heard from us since the clock
 * started (an update restarts the clock, and escalation's SlaClockStarted brings a reminder of its own).
 */
export function reminderStillNeeded(state: IncidentState, run: UpdateClockRun): boolean {
  if (state.status === 'initial' || !OPEN.includes(state.status) || state.drill) return false;
  if (state.reopenCount !== run.cycle) return false;
  const told = state.lastCustomerUpdateAt;
  return told === null || Date.parse(told) <= Date.parse(run.startedAt);
}

/**
 * The due time of the update clock as it stands: the latest SlaClockStarted of `customer_update`. A reminder set
 * for an earlier run is moot once the clock was moved (escalation may move it earlier too: the customer had been
 * told before the clocks started), so only the reminder for this due time is sent.
 */
export function currentUpdateDue(history: readonly IncidentEvent[]): string | null {
  const latest = history.findLast((event) => event.type === 'SlaClockStarted' && event.data.sla === 'customer_update');
  return latest?.type === 'SlaClockStarted' ? latest.data.dueAt : null;
}

/**
 * Who is reminded: the assignee (whoever acknowledged or took it over); before anyone has, the response team's
 * communications member; failing both, every member of the owning team. Person ids from the directory.
 */
export function reminderRecipients(state: IncidentState, directory: Pick<Directory, 'teams'>): string[] {
  if (state.status === 'initial') return [];
  if (state.assignee !== null) return [state.assignee];
  const communications = state.responseTeam.find((member) => member.role === 'communications');
  if (communications !== undefined) return [communications.personId];
  return [...(directory.teams.find((team) => team.id === state.owningTeam)?.members ?? [])];
}
