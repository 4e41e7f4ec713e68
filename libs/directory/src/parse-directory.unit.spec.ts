import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDirectoryError, parseDirectory } from './parse-directory';

const example = readFileSync(join(__dirname, '../../../config/directory.example.yaml'), 'utf8');

/** The example with one line replaced; returns the text and the (1-based) line that changed. */
function breakLine(find: string, replace: string): { text: string; line: number } {
  const lines = example.split('\n');
  const index = lines.findIndex((line) => line.includes(find));
  lines[index] = lines[index]!.replace(find, replace);
  return { text: lines.join('\n'), line: index + 1 };
}

const lineOf = (find: string): number => example.split('\n').findIndex((line) => line.includes(find)) + 1;

const errorsOf = (text: string): string[] => {
  const parsed = parseDirectory(text, 'directory.yaml');
  return 'errors' in parsed ? parsed.errors.map(formatDirectoryError) : [];
};

describe('parseDirectory', () => {
  it('accepts the committed example', () => {
    const parsed = parseDirectory(example, 'directory.example.yaml');

    expect(parsed).toHaveProperty('directory.customers.length', 3);
    expect(parsed).toHaveProperty('directory.teams.length', 4);
    expect(parsed).toHaveProperty('directory.sla.critical.acknowledgeWithinMinutes', 5);
  });

  it('names the file, the line and the path of a bad e-mail address', () => {
    const { text, line } = breakLine('email: mei.tanaka@globex.example', 'email: mei.tanaka-at-globex');

    expect(errorsOf(text)).toEqual([`directory.yaml:${line} customers[1].contacts[0].email: not an email`]);
  });

  it('takes a PagerDuty contact whose address is a routing key, and refuses one that is not', () => {
    const pagerDuty = breakLine(
      '{ kind: email, address: bob@ops.example }',
      '{ kind: pagerduty, address: R0UTINGKEY0123456789abcdefABCDEF }',
    );
    const bad = breakLine(
      '{ kind: email, address: bob@ops.example }',
      '{ kind: pagerduty, address: https://pd.example/x }',
    );

    expect(parseDirectory(pagerDuty.text, 'directory.yaml')).toHaveProperty('directory.people.1.contactMethods.0', {
      kind: 'pagerduty',
      address: 'R0UTINGKEY0123456789abcdefABCDEF',
    });
    expect(errorsOf(bad.text)).toEqual([
      `directory.yaml:${bad.line} people[1].contactMethods[0].address: not a PagerDuty routing key`,
    ]);
  });

  it('reports a missing field at its parent', () => {
    const { text, line } = breakLine('    preApprovedHoursPerMonth: 25', '');
    const initechLine = lineOf('- id: initech');

    expect(errorsOf(text)).toEqual([
      `directory.yaml:${initechLine} customers[2].preApprovedHoursPerMonth: is required`,
    ]);
    expect(line).toBeGreaterThan(initechLine);
  });

  it('refuses a service owned by a team that does not exist', () => {
    const { text, line } = breakLine('ownerTeam: database', 'ownerTeam: dba');

    expect(errorsOf(text)).toEqual([`directory.yaml:${line} services[1].ownerTeam: no team dba`]);
  });

  it('refuses an escalation target that does not exist', () => {
    const { text, line } = breakLine('{ kind: person, id: frank }', '{ kind: person, id: francis }');

    expect(errorsOf(text)).toEqual([
      `directory.yaml:${line} escalationPolicies[2].levels[1].targets[0].id: no person francis`,
    ]);
  });

  it('names the people who sign off a team’s reviews, and refuses one who is not in the directory', () => {
    const { text, line } = breakLine('techLead: alice', 'techLead: alicia');

    expect(parseDirectory(example, 'directory.yaml')).toHaveProperty(
      'directory.teams.0',
      expect.objectContaining({
        techLead: 'alice',
        projectManager: 'carol',
      }),
    );
    expect(errorsOf(text)).toEqual([`directory.yaml:${line} teams[0].techLead: no person alicia`]);
  });

  it('refuses a time zone that is not an IANA zone', () => {
    const { text, line } = breakLine('timeZone: Europe/Paris', 'timeZone: CET+1');

    expect(errorsOf(text)).toEqual([`directory.yaml:${line} schedules[0].timeZone: not an IANA time zone: CET+1`]);
  });

  it('refuses a hand-off time that is not a time of day', () => {
    const { text, line } = breakLine("handOffTime: '10:00'", "handOffTime: '25:00'");

    expect(errorsOf(text)).toEqual([
      `directory.yaml:${line} schedules[2].layers[0].handOffTime: must be a time of day HH:mm`,
    ]);
  });

  it('refuses a first hand-off that falls in a daylight-saving gap of the zone', () => {
    const edited = breakLine("handOffTime: '09:00'", "handOffTime: '02:30'");
    const text = edited.text.replace("startsOn: '2026-11-02'", "startsOn: '2026-03-29'");
    const line = lineOf("startsOn: '2026-11-02'");

    expect(errorsOf(text)).toEqual([
      `directory.yaml:${line} schedules[0].layers[0].startsOn: 2026-03-29 02:30 does not exist in Europe/Paris (a daylight-saving gap)`,
    ]);
  });

  it('refuses a first hand-off on a date that does not exist', () => {
    const { text, line } = breakLine("startsOn: '2026-11-04'", "startsOn: '2026-02-30'");

    expect(errorsOf(text)).toEqual([`directory.yaml:${line} schedules[2].layers[0].startsOn: not a date: 2026-02-30`]);
  });

  it('refuses an unknown field, so a typo cannot pass as an absent one', () => {
    const { text, line } = breakLine('    ownerTeam: app-support', '    ownerteam: app-support');
    const serviceLine = lineOf('  - id: globex-storefront');

    expect(errorsOf(text)).toEqual([
      `directory.yaml:${serviceLine} services[2].ownerTeam: is required`,
      `directory.yaml:${line} services[2].ownerteam: unknown field`,
    ]);
  });

  it('reports YAML errors (a key given twice) with their line', () => {
    const { text, line } = breakLine('    name: Globex Retail', '    id: globex-retail');

    expect(errorsOf(text)).toEqual([`directory.yaml:${line} Map keys must be unique`]);
  });
});
