import ical, { ICalCalendarMethod } from 'ical-generator';
import type { Directory, OnCallSchedule, Shift } from '@incident/directory';

export interface CalendarOptions {
  /** Only this person's shifts: a personal feed. */
  readonly personId?: string;
  /** Refresh hint for subscribers (REFRESH-INTERVAL / X-PUBLISHED-TTL), in seconds. */
  readonly ttlSeconds: number;
}

/**
 * A schedule's shifts as iCalendar: one event per shift, in UTC (every client shows it in its own zone). The
 * UID is the schedule, layer, person and start, so a client that refreshes updates a shift rather than
 * duplicating it; a shift cut by an override gets a new start, hence a new UID, and the old one disappears.
 */
export function scheduleCalendar(
  directory: Directory,
  schedule: OnCallSchedule,
  shifts: readonly Shift[],
  options: CalendarOptions,
): string {
  const nameOf = (personId: string) => directory.people.find((p) => p.id === personId)?.name ?? personId;
  const calendar = ical({
    name: options.personId ? `${schedule.name}: ${nameOf(options.personId)}` : schedule.name,
    prodId: { company: 'incident-platform', product: 'oncall', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: options.ttlSeconds,
  });
  for (const shift of shifts) {
    if (options.personId !== undefined && shift.personId !== options.personId) continue;
    const what = shift.override ? 'override' : `layer ${shift.layer ?? ''}`;
    calendar.createEvent({
      id: `${schedule.id}/${shift.layer ?? '*'}/${shift.personId}/${shift.start}@incident-platform`,
      start: new Date(shift.start),
      end: new Date(shift.end),
      stamp: new Date(shift.start),
      summary: `On call: ${nameOf(shift.personId)} (${schedule.name})`,
      description: `${schedule.name}, ${what}; hand-offs in ${schedule.timeZone}.`,
    });
  }
  return calendar.toString();
}
