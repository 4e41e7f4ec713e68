import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DirectoryVersions, type WhatIfReport } from '@incident/directory';
import { incidentStreamId } from '@incident/domain';
import { createEventStore, type HashChainedEventStore, type NewEvent } from '@incident/event-store';
import { createTestDatabase, describeWithInfrastructure, type TestDatabase } from '@incident/testing';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'apps/incidentctl/dist/main.js');
const RULES = join(ROOT, 'config/triage-rules.example.yaml');
const AT = '2026-11-20T10:00:00.000Z';

/** An incident of initech's payments worker, down, that the example rules sent to customer-success. */
function downtimeHistory(incidentId: string): NewEvent[] {
  const metadata = { occurredAt: AT, actor: { kind: 'system' as const, id: 'test' }, correlationId: incidentId };
  const opened = {
    incidentId,
    dedupKey: incidentId,
    source: 'alertmanager',
    customerId: 'initech',
    service: 'initech-payments-worker',
    title: 'Payments worker down',
    category: 'availability.downtime',
    severity: 'high',
    labels: {},
    drill: false,
    alertId: null,
    openedAt: AT,
  };
  const triaged = {
    incidentId,
    category: 'availability.downtime',
    severity: 'high',
    owningTeam: 'customer-success',
    ruleId: 'infrastructure',
    preApprovedMinutes: null,
    ruleSetVersion: 1,
    reasons: ['cloud infrastructure problem'],
    maintenanceWindowId: null,
    flags: [],
    triagedAt: AT,
  };
  return [
    { type: 'IncidentOpened', data: opened, metadata },
    { type: 'IncidentTriaged', data: triaged, metadata },
  ];
}

describeWithInfrastructure(['postgres'], 'incidentctl triage whatif (built CLI)', () => {
  let database: TestDatabase;
  let store: HashChainedEventStore;
  const folder = mkdtempSync(join(tmpdir(), 'triage-whatif-cli-'));
  const proposed = join(folder, 'proposed.yaml');
  const cli = (...args: string[]) =>
    run(process.execPath, [CLI, 'triage', 'whatif', ...args], { env: { ...process.env, DATABASE_URL: database.url } });

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npm test builds)`);
    database = await createTestDatabase('incidentctl_whatif');
    store = await createEventStore({ databaseUrl: database.url });
    const directory = readFileSync(join(ROOT, 'config/directory.example.yaml'), 'utf8');
    await new DirectoryVersions(store).apply(directory, 'directory.yaml', {
      actor: { kind: 'user', id: 'ops' },
      correlationId: randomUUID(),
      occurredAt: AT,
    });
    for (let n = 0; n < 3; n++) {
      const id = randomUUID();
      await store.append(incidentStreamId(id), downtimeHistory(id), 'no_stream');
    }
    // The proposal: downtime to application support instead of customer success.
    writeFileSync(
      proposed,
      readFileSync(RULES, 'utf8').replace(
        /(- id: infrastructure\n(?:.*\n)*?\s+team: )customer-success/,
        '$1app-support',
      ),
    );
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  it('prints the differences as a table, JSON or CSV', async () => {
    const table = await cli('--rules', proposed, '--since', '1d');
    const json = await cli('--rules', proposed, '--since', '1d', '--format', 'json');
    const csv = await cli('--rules', proposed, '--since', '1d', '--format', 'csv');
    const same = await cli('--rules', RULES, '--format', 'json');
    const before = await cli(
      '--rules',
      proposed,
      '--from',
      '2020-01-01T00:00:00Z',
      '--to',
      '2020-02-01T00:00:00Z',
      '--format',
      'json',
    );

    expect(table.stdout).toMatch(/^What-if proposed\.yaml \(\d+ rules\), incidents opened /);
    expect(table.stdout).toContain('3 incidents replayed, 3 would have been decided differently\n');
    expect(table.stdout).toContain('  3 incidents would have gone to app-support instead of customer-success\n');
    expect((JSON.parse(json.stdout) as WhatIfReport).totals).toMatchObject({
      incidents: 3,
      changed: 3,
      owningTeam: [{ from: 'customer-success', to: 'app-support', incidents: 3 }],
      pages: { actual: 3, proposed: 3 },
    });
    expect(csv.stdout.trimEnd().split('\r\n')).toHaveLength(4);
    expect((JSON.parse(same.stdout) as WhatIfReport).totals).toMatchObject({ incidents: 3, changed: 0 });
    // The period is when the platform recorded each opening: nothing was recorded in January 2020.
    expect((JSON.parse(before.stdout) as WhatIfReport).totals).toMatchObject({ incidents: 0, changed: 0 });
  });

  it('refuses a rule set with an error, naming file, line and path (exit code 1)', async () => {
    const broken = join(folder, 'broken.yaml');
    writeFileSync(broken, readFileSync(RULES, 'utf8').replace('team: security', 'team: [security]'));
    const refused = await cli('--rules', broken).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^broken\.yaml:\d+ rules\[1\]\.then\.team: /);
  });
});
