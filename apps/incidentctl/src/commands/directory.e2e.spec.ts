import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, describeWithInfrastructure, type TestDatabase } from '@incident/testing';
import { assertCliBuilt, builtCli, REPO_ROOT } from '../test-support/built-cli';

const EXAMPLE = join(REPO_ROOT, 'config/directory.example.yaml');

describeWithInfrastructure(['postgres'], 'incidentctl directory (built CLI)', () => {
  let database: TestDatabase;
  const folder = mkdtempSync(join(tmpdir(), 'directory-cli-'));
  const { cli, failure } = builtCli(['directory'], () => database.url);

  beforeAll(async () => {
    assertCliBuilt();
    database = await createTestDatabase('incidentctl_directory');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('validates the example, and names file, line and path in a broken copy (exit code 1)', async () => {
    const broken = join(folder, 'broken.yaml');
    writeFileSync(broken, readFileSync(EXAMPLE, 'utf8').replace('ownerTeam: database', 'ownerTeam: dba'));

    const ok = await cli('validate', EXAMPLE);
    const refused = await failure('validate', broken);

    expect(ok.stdout).toBe('directory.example.yaml: OK\n');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^broken\.yaml:\d+ services\[1\]\.ownerTeam: no team dba\n/);
  });

  it('shows none, applies the same file twice as one version, then shows it', async () => {
    const before = await cli('show');
    const first = await cli('apply', EXAMPLE, '--as', 'lead');
    const second = await cli('apply', EXAMPLE);
    const shown = await cli('show');

    expect(before.stdout).toBe('none: no directory version has been applied\n');
    expect(first.stdout).toMatch(/^applied: directory version 1 \(sha256 [0-9a-f]{64}\)/);
    expect(second.stdout).toBe('unchanged: directory.example.yaml is version 1 already\n');
    expect(shown.stdout).toMatch(/^version 1 .*\napplied \S+ by user lead\n {2}customers: 3\n/);
  });

  it('diffs a changed copy against the version in force', async () => {
    const changed = join(folder, 'changed.yaml');
    writeFileSync(
      changed,
      readFileSync(EXAMPLE, 'utf8').replace('preApprovedHoursPerMonth: 10', 'preApprovedHoursPerMonth: 12'),
    );

    const diff = await cli('diff', changed);

    expect(diff.stdout).toBe('against version 1: 1 change(s)\n~ customers acme\n');
  });
});
