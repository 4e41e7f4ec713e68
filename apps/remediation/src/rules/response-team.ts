import type { Directory, ResponseTeamTeams } from '@incident/directory';
import type { ResponseTeamMember } from '@incident/domain';

/**
 * An exploit's response team from the directory: for each role, the first member of the team the runbook file
 * names who does not hold another role yet (one person, one role). A role whose team is missing or exhausted is
 * left out; no incident commander means no team (the domain requires exactly one), so it returns null.
 */
export function responseTeamFor(teams: ResponseTeamTeams, directory: Directory): ResponseTeamMember[] | null {
  const roles = [
    ['incident_commander', teams.incidentCommander],
    ['communications', teams.communications],
    ['security', teams.security],
  ] as const;
  const members: ResponseTeamMember[] = [];
  for (const [role, teamId] of roles) {
    const team = directory.teams.find((candidate) => candidate.id === teamId);
    const personId = team?.members.find((person) => !members.some((member) => member.personId === person));
    if (personId !== undefined) members.push({ personId, role });
  }
  return members.some((member) => member.role === 'incident_commander') ? members : null;
}
