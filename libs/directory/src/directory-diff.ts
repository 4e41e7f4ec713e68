import { DIRECTORY_SECTIONS, SEVERITIES, type Directory } from './directory';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function sectionChanges(name: string, before: readonly { id: string }[], after: readonly { id: string }[]): string[] {
  const old = new Map(before.map((item) => [item.id, item]));
  const now = new Map(after.map((item) => [item.id, item]));
  const added = [...now.keys()].filter((id) => !old.has(id));
  const removed = [...old.keys()].filter((id) => !now.has(id));
  const changed = [...now.keys()].filter((id) => old.has(id) && !same(old.get(id), now.get(id)));
  return [
    ...added.map((id) => `+ ${name} ${id}`),
    ...removed.map((id) => `- ${name} ${id}`),
    ...changed.map((id) => `~ ${name} ${id}`),
  ];
}

/**
 * What applying `after` would change, per section and id (`+ customers acme`, `- teams dba`, `~ services api`);
 * empty when nothing would. Everything is new when no version is in force.
 */
export function directoryDiff(before: Directory | undefined, after: Directory): string[] {
  const nothing = Object.fromEntries(DIRECTORY_SECTIONS.map((section) => [section, []]));
  const empty = { ...nothing, sla: after.sla } as Directory;
  const base = before ?? empty;
  return [
    ...DIRECTORY_SECTIONS.flatMap((section) => sectionChanges(section, base[section], after[section])),
    ...SEVERITIES.filter((severity) => before && !same(base.sla[severity], after.sla[severity])).map(
      (severity) => `~ sla ${severity}`,
    ),
  ];
}
