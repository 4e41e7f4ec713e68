import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, describeWithInfrastructure, type TestDatabase } from '@incident/testing';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'apps/incidentctl/dist/main.js');
const EXAMPLE = join(ROOT, 'config/review-policy.example.yaml');

describeWithInfrastructure(['postgres'], 'incidentctl review policy (built CLI)', () => {
  let database: TestDatabase;
  const folder = mkdtempSync(join(tmpdir(), 'review-policy-cli-'));
  const cli = (...args: string[]) =>
    run(process.execPath, [CLI, 'review', 'policy', ...args], { env: { ...process.env, DATABASE_URL: database.url } });

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npm test builds)`);
    database = await createTestDatabase('incidentctl_review_policy');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('validates the example, and names file, line and path in a broken copy (exit code 1)', async () => {
    const broken = join(folder, 'broken.yaml');
    writeFileSync(broken, readFileSync(EXAMPLE, 'utf8').replace('dueWithinDays: 3', 'dueWithinDays: 0'));

    const ok = await cli('validate', EXAMPLE);
    const refused = await cli('validate', broken).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );

    expect(ok.stdout).toBe('review-policy.example.yaml: OK (5 rules)\n');
    expect(refused).toEqual({
      code: 1,
      stderr: 'broken.yaml:10 rules[0].dueWithinDays: must be a whole number from 1 to 365\n1 error(s)\n',
    });
  });

  it('shows none, applies the same file twice as one version, then shows it as applied', async () => {
    const before = await cli('show');
    const first = await cli('apply', EXAMPLE, '--as', 'lead');
    const second = await cli('apply', EXAMPLE);
    const shown = await cli('show');

    expect(before.stdout).toBe('none: no review policy has been applied\n');
    expect(first.stdout).toMatch(/^applied: review policy version 1 \(sha256 [0-9a-f]{64}\)\n$/);
    expect(second.stdout).toBe('unchanged: review-policy.example.yaml is version 1 already\n');
    expect(shown.stdout).toMatch(/^# version 1 {2}sha256 [0-9a-f]{64} {2}applied \S+\n/);
    expect(shown.stdout).toContain(readFileSync(EXAMPLE, 'utf8'));
  });
});
