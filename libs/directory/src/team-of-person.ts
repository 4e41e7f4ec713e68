import type { Directory } from './directory';

/**
 * The team a person answers to for notices about their work (an action item's overdue notice, its per-team
 * count): the first team of the directory listing them as a member. Directory order decides for a person in
 * several teams, so the file's author chooses; undefined for a person in none.
 */
export const teamOfPerson = (directory: Directory, personId: string): string | undefined =>
  directory.teams.find((team) => team.members.includes(personId))?.id;
