import type { EventStore } from '@incident/event-store';
import type { Directory } from '../directory';
import { directoryOf, DirectoryVersions } from '../versions/directory-versions';
import { readHistoricCycles } from './escalation-history';
import { escalationWhatIf, type EscalationWhatIf } from './escalation-whatif';
import { ScheduleOverrides } from './schedule-overrides';

/**
 * `incidentctl escalation whatif`: the cycles whose paging began in the period, replayed under the directory
 * version in force at the time and under `proposed`, with the API's overrides in force now. Reads only.
 */
export async function runEscalationWhatIf(
  store: EventStore,
  proposed: Directory,
  period: { readonly from: Date; readonly until: Date },
): Promise<EscalationWhatIf> {
  const [cycles, versions, made] = await Promise.all([
    readHistoricCycles(store, period.from, period.until),
    new DirectoryVersions(store).history(),
    new ScheduleOverrides(store).bySchedule(),
  ]);
  const parsed = new Map<number, Directory>();
  const inForceAt = (at: string): Directory | undefined => {
    const version = versions.filter((v) => Date.parse(v.appliedAt) <= Date.parse(at)).at(-1);
    if (version === undefined) return undefined;
    if (!parsed.has(version.version)) parsed.set(version.version, directoryOf(version));
    return parsed.get(version.version);
  };
  return escalationWhatIf(cycles, inForceAt, proposed, made, {
    from: period.from.toISOString(),
    until: period.until.toISOString(),
  });
}
