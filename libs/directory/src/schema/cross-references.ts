import { DateTime, IANAZone } from 'luxon';
import type { Directory } from '../directory';
import type { Finding, Path } from './rules';

function duplicates(items: readonly { id: string }[], section: string): Finding[] {
  const seen = new Set<string>();
  return items.flatMap((item, index) => {
    if (!seen.has(item.id)) return (seen.add(item.id), []);
    return [{ path: [section, index, 'id'], message: `duplicate id ${item.id}` }];
  });
}

const refersTo =
  (ids: ReadonlySet<string>, what: string) =>
  (id: string, path: Path): Finding[] =>
    ids.has(id) ? [] : [{ path, message: `no ${what} ${id}` }];

const ordered = (from: string, until: string, path: Path): Finding[] =>
  Date.parse(from) < Date.parse(until) ? [] : [{ path, message: 'must be after from' }];

/** What a shape cannot say: ids that must exist, unique ids, valid zones and local times, ordered ranges. */
export function crossReferenceFindings(directory: Directory): Finding[] {
  const ids = (items: readonly { id: string }[]) => new Set(items.map((item) => item.id));
  const customer = refersTo(ids(directory.customers), 'customer');
  const team = refersTo(ids(directory.teams), 'team');
  const person = refersTo(ids(directory.people), 'person');
  const service = refersTo(ids(directory.services), 'service');
  const schedule = refersTo(ids(directory.schedules), 'schedule');
  const policy = refersTo(ids(directory.escalationPolicies), 'escalation policy');
  const target = { person, team, schedule };

  return [
    ...duplicates(directory.customers, 'customers'),
    ...duplicates(directory.teams, 'teams'),
    ...duplicates(directory.people, 'people'),
    ...duplicates(directory.services, 'services'),
    ...duplicates(directory.schedules, 'schedules'),
    ...duplicates(directory.escalationPolicies, 'escalationPolicies'),
    ...directory.teams.flatMap((t, i) => t.members.flatMap((m, j) => person(m, ['teams', i, 'members', j]))),
    ...directory.teams.flatMap((t, i) => [
      ...(t.escalationPolicy === undefined ? [] : policy(t.escalationPolicy, ['teams', i, 'escalationPolicy'])),
      ...(t.drillParticipants ?? []).flatMap((p, j) => person(p, ['teams', i, 'drillParticipants', j])),
      ...(t.techLead === undefined ? [] : person(t.techLead, ['teams', i, 'techLead'])),
      ...(t.projectManager === undefined ? [] : person(t.projectManager, ['teams', i, 'projectManager'])),
    ]),
    ...directory.services.flatMap((s, i) => [
      ...customer(s.customer, ['services', i, 'customer']),
      ...team(s.ownerTeam, ['services', i, 'ownerTeam']),
      ...(s.autoscale.minSize <= s.autoscale.maxSize
        ? []
        : [{ path: ['services', i, 'autoscale', 'maxSize'], message: 'must be at least minSize' }]),
    ]),
    ...directory.schedules.flatMap((s, i) => scheduleFindings(s, i, person)),
    ...directory.escalationPolicies.flatMap((p, i) =>
      p.levels.flatMap((level, j) =>
        level.targets.flatMap((t, k) =>
          target[t.kind](t.id, ['escalationPolicies', i, 'levels', j, 'targets', k, 'id']),
        ),
      ),
    ),
    ...directory.maintenanceWindows.flatMap((w, i) => [
      ...customer(w.customer, ['maintenanceWindows', i, 'customer']),
      ...w.services.flatMap((s, j) => service(s, ['maintenanceWindows', i, 'services', j])),
      ...ordered(w.from, w.until, ['maintenanceWindows', i, 'until']),
    ]),
  ];
}

function scheduleFindings(
  schedule: Directory['schedules'][number],
  index: number,
  person: (id: string, path: Path) => Finding[],
): Finding[] {
  const at = (...rest: (string | number)[]): Path => ['schedules', index, ...rest];
  if (!IANAZone.isValidZone(schedule.timeZone)) {
    return [{ path: at('timeZone'), message: `not an IANA time zone: ${schedule.timeZone}` }];
  }
  return [
    ...schedule.layers.flatMap((layer, j) => [
      ...layer.members.flatMap((m, k) => person(m, at('layers', j, 'members', k))),
      ...firstHandOffFindings(layer.startsOn, layer.handOffTime, schedule.timeZone, at('layers', j, 'startsOn')),
    ]),
    ...schedule.overrides.flatMap((o, j) => [
      ...person(o.person, at('overrides', j, 'person')),
      ...ordered(o.from, o.until, at('overrides', j, 'until')),
    ]),
  ];
}

/**
 * The first hand-off must exist in the zone: a real date, and a local time that is not skipped by a
 * daylight-saving change (Luxon moves 02:30 on a spring-forward night to 03:30 rather than refusing it).
 */
function firstHandOffFindings(startsOn: string, handOffTime: string, zone: string, path: Path): Finding[] {
  const first = DateTime.fromISO(`${startsOn}T${handOffTime}`, { zone });
  if (!first.isValid) return [{ path, message: `not a date: ${startsOn}` }];
  if (first.toFormat('yyyy-MM-dd HH:mm') !== `${startsOn} ${handOffTime}`) {
    return [{ path, message: `${startsOn} ${handOffTime} does not exist in ${zone} (a daylight-saving gap)` }];
  }
  return [];
}
