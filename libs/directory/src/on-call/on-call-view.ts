import type { Directory } from '../directory';
import { escalationStep, policyForTeam, type PageTarget } from './escalation-policy';
import { onCallAt, onCallResolver, withOverrides, type OnCallOverride } from './on-call';

export interface OnCallPerson {
  readonly personId: string;
  readonly name: string;
  /** The layer covered, null for an override of the whole schedule. */
  readonly layer: string | null;
  readonly override: boolean;
  readonly from: string;
  readonly until: string;
}

export interface ScheduleOnCall {
  readonly scheduleId: string;
  readonly name: string;
  readonly timeZone: string;
  readonly onCall: readonly OnCallPerson[];
}

export interface TeamOnCall {
  readonly teamId: string;
  readonly name: string;
  readonly escalationPolicy: string | null;
  /** Who an incident of the team triaged at that moment would page first (level 1, or the first level naming anyone). */
  readonly pagedFirst: readonly (PageTarget & { readonly name: string })[];
}

export interface OnCallView {
  readonly at: string;
  readonly teams: readonly TeamOnCall[];
  readonly schedules: readonly ScheduleOnCall[];
}

export type OnCallAnswer =
  { readonly found: true; readonly view: OnCallView } | { readonly found: false; readonly reason: string };

/**
 * Who is on call at `at`, per schedule, and whom each team's policy would page first. With a team, only that
 * team and the schedules its policy names. Pure: the directory and the API's overrides come in.
 */
export function onCallView(
  directory: Directory,
  made: ReadonlyMap<string, readonly OnCallOverride[]>,
  at: string,
  teamId?: string,
): OnCallAnswer {
  const teams = teamId === undefined ? directory.teams : directory.teams.filter((t) => t.id === teamId);
  if (teams.length === 0) return { found: false, reason: `no team ${teamId ?? ''}` };
  const nameOf = (personId: string) => directory.people.find((p) => p.id === personId)?.name ?? personId;
  const resolver = onCallResolver(directory.schedules, made);
  const teamViews = teams.map((team): TeamOnCall => {
    const policy = policyForTeam(directory, team.id);
    const first =
      policy === null
        ? null
        : escalationStep(policy, { level: 1, repeat: 0 }, at, {
            teams: directory.teams,
            onCall: resolver,
            drillParticipants: null,
          });
    return {
      teamId: team.id,
      name: team.name,
      escalationPolicy: policy?.id ?? null,
      pagedFirst: first?.kind === 'page' ? first.targets.map((t) => ({ ...t, name: nameOf(t.personId) })) : [],
    };
  });
  const named = new Set(
    teamViews.flatMap((team) =>
      (directory.escalationPolicies.find((p) => p.id === team.escalationPolicy)?.levels ?? []).flatMap((level) =>
        level.targets.filter((t) => t.kind === 'schedule').map((t) => t.id),
      ),
    ),
  );
  const schedules = directory.schedules
    .filter((schedule) => teamId === undefined || named.has(schedule.id))
    .map((schedule): ScheduleOnCall => {
      const now = onCallAt(withOverrides(schedule, made.get(schedule.id) ?? []), at);
      return {
        scheduleId: schedule.id,
        name: schedule.name,
        timeZone: schedule.timeZone,
        onCall: now.shifts.map((s) => ({
          personId: s.personId,
          name: nameOf(s.personId),
          layer: s.layer,
          override: s.override,
          from: s.start,
          until: s.end,
        })),
      };
    });
  return { found: true, view: { at: new Date(at).toISOString(), teams: teamViews, schedules } };
}
