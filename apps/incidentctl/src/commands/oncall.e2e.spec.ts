import { join } from 'node:path';
import { createTestDatabase, describeWithInfrastructure, type TestDatabase } from '@incident/testing';
import { assertCliBuilt, builtCli, REPO_ROOT } from '../test-support/built-cli';

const EXAMPLE = join(REPO_ROOT, 'config/directory.example.yaml');

describeWithInfrastructure(['postgres'], 'incidentctl oncall and escalation whatif (built CLI)', () => {
  let database: TestDatabase;
  const { cli, failure } = builtCli([], () => database.url);

  beforeAll(async () => {
    assertCliBuilt();
    database = await createTestDatabase('incidentctl_oncall');
    await cli('directory', 'apply', EXAMPLE, '--as', 'lead');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('names a team’s first page and its schedule’s people at a moment', async () => {
    const { stdout } = await cli('oncall', '--team', 'customer-success', '--at', '2026-12-25T12:00:00Z');

    expect(stdout).toBe(
      [
        'on call at 2026-12-25T12:00:00.000Z',
        'team customer-success (Infrastructure / customer success), policy infrastructure: pages first carol (Carol Nguyen, via schedule infra-primary)',
        'schedule infra-primary (Infrastructure primary on-call, Europe/Paris)',
        '  carol        Carol Nguyen         override               until 2026-12-27T08:00:00.000Z',
        '',
      ].join('\n'),
    );
  });

  it('prints JSON with --json, and refuses an unknown team with exit code 1', async () => {
    const json = await cli('oncall', '--team', 'database', '--at', '2027-01-05T12:00:00Z', '--json');
    const refused = await failure('oncall', '--team', 'nope');

    expect(JSON.parse(json.stdout).schedules[0]).toMatchObject({
      scheduleId: 'database',
      onCall: [{ personId: 'grace' }],
    });
    expect(refused).toEqual({ code: 1, stderr: 'no team nope\n' });
  });

  it('runs the what-if over a period with no history, and refuses a period it cannot read', async () => {
    const { stdout } = await cli(
      'escalation',
      'whatif',
      '--directory',
      EXAMPLE,
      '--since',
      '2026-11-01T00:00:00Z',
      '--until',
      '2026-12-01T00:00:00Z',
      '--json',
    );
    const refused = await failure('escalation', 'whatif', '--directory', EXAMPLE, '--since', 'soon');

    expect(JSON.parse(stdout)).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      until: '2026-12-01T00:00:00.000Z',
      cycles: 0,
      drills: 0,
      people: [],
      breaches: [],
      unpaged: [],
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--since: use 30d, 12h, 90m or an ISO-8601 time');
  });
});
