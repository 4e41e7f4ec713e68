import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, describeWithInfrastructure, type TestDatabase } from '@incident/testing';
import { assertCliBuilt, builtCli, REPO_ROOT } from '../test-support/built-cli';

const EXAMPLE = join(REPO_ROOT, 'config/runbooks.example.yaml');

describeWithInfrastructure(['postgres'], 'incidentctl runbooks (built CLI)', () => {
  let database: TestDatabase;
  const folder = mkdtempSync(join(tmpdir(), 'runbooks-cli-'));
  const { cli, failure } = builtCli(['runbooks'], () => database.url);

  beforeAll(async () => {
    assertCliBuilt();
    database = await createTestDatabase('incidentctl_runbooks');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('validates the example, and names the file in a broken copy (exit code 1)', async () => {
    const broken = join(folder, 'broken.yaml');
    writeFileSync(broken, readFileSync(EXAMPLE, 'utf8').replace('approvalValidHours: 24', 'approvalValidHours: soon'));

    const ok = await cli('validate', EXAMPLE);
    const refused = await failure('validate', broken);

    expect(ok.stdout).toMatch(/^runbooks\.example\.yaml: OK \(\d+ runbooks, \d+ executors\)\n$/);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^broken\.yaml:\d+ .*\n1 error\(s\)\n$/);
  });

  it('shows none, applies the same file twice as one version, then shows it and its YAML', async () => {
    const before = await cli('show');
    const first = await cli('apply', EXAMPLE, '--as', 'lead');
    const second = await cli('apply', EXAMPLE);
    const shown = await cli('show');
    const yaml = await cli('show', '--yaml');

    expect(before.stdout).toBe('none: no runbook file has been applied\n');
    expect(first.stdout).toMatch(/^applied: runbooks version 1 \(sha256 [0-9a-f]{64}\)\n$/);
    expect(second.stdout).toBe('unchanged: runbooks.example.yaml is version 1 already\n');
    expect(shown.stdout).toMatch(
      /^version 1 {2}sha256 [0-9a-f]{64} {2}runbooks\.example\.yaml\napplied \S+ by user lead\n {2}runbooks: \d+ {2}executors: \d+\n$/,
    );
    expect(yaml.stdout).toBe(readFileSync(EXAMPLE, 'utf8'));
  });
});
