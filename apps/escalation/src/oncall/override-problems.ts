import type { Directory } from '@incident/directory';
import type { ScheduleOverrideDto } from '../http/schedule-override.dto';

/** What makes an override refused (400), checked against the directory in force; empty when it may be made. */
export function overrideProblems(
  directory: Directory,
  scheduleId: string,
  body: ScheduleOverrideDto,
  now: Date,
): string[] {
  const schedule = directory.schedules.find((s) => s.id === scheduleId);
  if (schedule === undefined) return [];
  return [
    ...(directory.people.some((p) => p.id === body.person)
      ? []
      : [`person: no person ${body.person} in the directory`]),
    ...(body.layer === undefined || schedule.layers.some((l) => l.name === body.layer)
      ? []
      : [`layer: schedule ${scheduleId} has no layer ${body.layer}`]),
    ...(Date.parse(body.from) < Date.parse(body.until) ? [] : ['until: must be after from']),
    ...(Date.parse(body.until) > now.getTime() ? [] : ['until: must be in the future']),
  ];
}
