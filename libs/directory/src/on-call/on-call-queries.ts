import type { EventStore } from '@incident/event-store';
import type { Directory } from '../directory';
import { directoryOf, DirectoryVersions } from '../versions/directory-versions';
import { withOverrides, type OnCallSchedule } from './on-call';
import { onCallView, type OnCallAnswer } from './on-call-view';
import { ScheduleOverrides } from './schedule-overrides';

export type ScheduleAnswer =
  | { readonly found: true; readonly directory: Directory; readonly schedule: OnCallSchedule }
  | { readonly found: false; readonly reason: string };

/**
 * On call as the escalation service and incidentctl answer it: the directory version in force at the moment
 * asked about (a past moment gets the schedules of its day), with the API's overrides in force now.
 */
export class OnCallQueries {
  private readonly versions: DirectoryVersions;
  readonly overrides: ScheduleOverrides;

  constructor(store: EventStore) {
    this.versions = new DirectoryVersions(store);
    this.overrides = new ScheduleOverrides(store);
  }

  async view(at: Date, teamId?: string): Promise<OnCallAnswer> {
    const directory = await this.directoryAt(at);
    if (directory === undefined)
      return { found: false, reason: `no directory version was in force at ${at.toISOString()}` };
    return onCallView(directory, await this.overrides.bySchedule(), at.toISOString(), teamId);
  }

  /** A schedule with the API's overrides appended, from the directory in force at `at`. */
  async schedule(scheduleId: string, at: Date): Promise<ScheduleAnswer> {
    const directory = await this.directoryAt(at);
    const schedule = directory?.schedules.find((s) => s.id === scheduleId);
    if (directory === undefined || schedule === undefined) return { found: false, reason: `no schedule ${scheduleId}` };
    const made = (await this.overrides.bySchedule()).get(scheduleId) ?? [];
    return { found: true, directory, schedule: withOverrides(schedule, made) };
  }

  async directoryAt(at: Date): Promise<Directory | undefined> {
    const version = await this.versions.versionAt(at);
    return version === undefined ? undefined : directoryOf(version);
  }
}
