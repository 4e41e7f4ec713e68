import type { Directory } from '@incident/directory';
import type { SignOffRole } from '@incident/domain';

export const SIGN_OFF_ROLE_NAMES: Readonly<Record<SignOffRole, string>> = {
  technical_lead: 'technical lead',
  project_manager: 'project manager',
};

/**
 * Pure: whether `person` may sign off a review of `team`'s incident in `role`: they must be the person the
 * directory names for it (team `techLead` / `projectManager`). `null` when they may; else why not, naming the
 * role (the HTTP layer answers 403 with it).
 */
export function signOffRefusal(
  directory: Directory | undefined,
  team: string | null,
  role: SignOffRole,
  person: string,
): string | null {
  const name = SIGN_OFF_ROLE_NAMES[role];
  if (team === null) return `the incident has no owning team, so no ${name} can sign off its review`;
  const entry = directory?.teams.find((candidate) => candidate.id === team);
  const holder = role === 'technical_lead' ? entry?.techLead : entry?.projectManager;
  if (holder === undefined) return `the directory names no ${name} for team ${team}`;
  if (holder !== person) return `only the ${name} of team ${team} (${holder}) may sign off as ${name}, not ${person}`;
  return null;
}
