import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, describeWithInfrastructure, type TestDatabase } from '@incident/testing';
import { assertCliBuilt, builtCli, REPO_ROOT } from '../test-support/built-cli';

const EXAMPLE = join(REPO_ROOT, 'config/triage-rules.example.yaml');

describeWithInfrastructure(['postgres'], 'incidentctl triage rules (built CLI)', () => {
  let database: TestDatabase;
  const folder = mkdtempSync(join(tmpdir(), 'triage-rules-cli-'));
  const { cli, failure } = builtCli(['triage', 'rules'], () => database.url);
  const copy = (name: string, change: (text: string) => string) => {
    const file = join(folder, name);
    writeFileSync(file, change(readFileSync(EXAMPLE, 'utf8')));
    return file;
  };

  beforeAll(async () => {
    assertCliBuilt();
    database = await createTestDatabase('incidentctl_triage_rules');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('validates the example, and names file, line and path in a broken copy (exit code 1)', async () => {
    const broken = copy('broken.yaml', (text) => text.replace("regex: '^(staging|test|dev.*)$'", "regex: '^(staging'"));

    const ok = await cli('validate', EXAMPLE);
    const refused = await failure('validate', broken);

    expect(ok.stdout).toMatch(/^triage-rules\.example\.yaml: OK \(\d+ rules\)\n$/);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^broken\.yaml:\d+ rules\[3\]\.when\.labels\.environment\.regex: Invalid regular/);
  });

  it('shows none, applies the same file twice as one version, then shows it', async () => {
    const before = await cli('show');
    const first = await cli('apply', EXAMPLE, '--as', 'lead');
    const second = await cli('apply', EXAMPLE);
    const shown = await cli('show');

    expect(before.stdout).toBe('none: no triage rule set has been applied\n');
    expect(first.stdout).toMatch(/^applied: triage rules version 1 \(sha256 [0-9a-f]{64}\)/);
    expect(second.stdout).toBe('unchanged: triage-rules.example.yaml is version 1 already\n');
    expect(shown.stdout).toMatch(/^version 1 .*\napplied \S+ by user lead\n {2}rules: \d+ \(drill, security-exploit,/);
  });

  it('diffs a changed copy, applies it, and shows the version in force at a past moment', async () => {
    const changed = copy('changed.yaml', (text) => text.replace('      severity: urgent\n', '      severity: high\n'));
    const between = new Date().toISOString();

    const diff = await cli('diff', changed);
    await cli('apply', changed);
    const then = await cli('show', '--at', between, '--yaml');
    const now = await cli('show');

    expect(diff.stdout).toBe('against version 1: 1 change(s)\n~ rule security-exploit\n');
    expect(then.stdout).toBe(readFileSync(EXAMPLE, 'utf8'));
    expect(now.stdout).toMatch(/^version 2 /);
  });
});
