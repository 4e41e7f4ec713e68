import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DirectoryVersions, type WhatIfReport } from '@incident/directory';
import { createPlatformContext, createServiceApp } from '@incident/platform';
import { testBearer, testServiceConfig } from '@incident/platform/testing';
import { PROJECTIONS, ProjectionRunner } from '@incident/read-models';
import {
  catchUpCompletely,
  readModelFixture,
  type ReadModelFixture,
  snapshotTables,
} from '@incident/read-models/testing';
import { describeWithInfrastructure, kafkaBrokers, uniqueName } from '@incident/testing';
import { appendHistory } from '../test-support/triage-history';
import { TriageModule } from '../triage.module';

const CONFIG = join(__dirname, '../../../../config');
const RULES = readFileSync(join(CONFIG, 'triage-rules.example.yaml'), 'utf8');

/** The example rules with two changes: downtime goes to app-support, and staging errors are no longer ignored. */
const PROPOSED = RULES.replace(/(- id: infrastructure\n(?:.*\n)*?\s+team: )customer-success/, '$1app-support').replace(
  / {2}- id: errors-from-staging\n(?:.*\n)*?(?=\n {2}- id: )/,
  '',
);

/** Every row of every table in the database, hashed per table: equal exactly when nothing was written. */
async function databaseFingerprint(fixture: ReadModelFixture): Promise<Record<string, string>> {
  const tables: { name: string }[] = await fixture.dataSource.query(
    `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
  );
  const fingerprint: Record<string, string> = {};
  for (const { name } of tables) {
    // Table names come from the catalogue, quoted by format(%I) above.
    const [row] = await fixture.dataSource.query(
      `SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS f FROM ${name} t`,
    );
    fingerprint[name] = (row as { f: string }).f;
  }
  return fingerprint;
}

describeWithInfrastructure(['postgres', 'kafka'], 'triage what-if over 10,000 historic incidents', () => {
  let fixture: ReadModelFixture;
  let app: INestApplication;

  beforeAll(async () => {
    fixture = await readModelFixture('triage_whatif');
    const directory = readFileSync(join(CONFIG, 'directory.example.yaml'), 'utf8');
    const context = {
      actor: { kind: 'user', id: 'ops' } as const,
      correlationId: uniqueName('dir'),
      occurredAt: '2026-11-01T00:00:00Z',
    };
    await new DirectoryVersions(fixture.store).apply(directory, 'directory.yaml', context);
    const config = testServiceConfig('triage', {
      databaseUrl: fixture.database.url,
      kafkaBrokers: kafkaBrokers(),
      variables: { KAFKA_TOPIC_PREFIX: `${uniqueName('triage-whatif')}.` },
    });
    // HTTP only: the consumer is not connected, so nothing but the what-if reads the history.
    app = await createServiceApp(createPlatformContext(config), TriageModule);
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await fixture?.close();
  });

  it('reports exactly what the changed rules would have decided differently, and writes nothing', async () => {
    const staging = { environment: 'staging' };
    const downtime = {
      customerId: 'initech',
      service: 'initech-payments-worker',
      category: 'availability.downtime',
    } as const;
    const bug = { customerId: 'globex', service: 'globex-storefront', category: 'defect.bug' } as const;
    const errors = { customerId: 'globex', service: 'globex-storefront', category: 'errors.high_rate' } as const;
    const acmeBug = { customerId: 'acme', service: 'acme-api', category: 'defect.bug' } as const;
    await appendHistory(fixture.store, 3_800, { opened: downtime, team: 'customer-success', ruleId: 'infrastructure' });
    await appendHistory(fixture.store, 200, {
      opened: downtime,
      team: 'customer-success',
      ruleId: 'infrastructure',
      then: { kind: 'reclassified', team: 'database', by: 'bob' },
    });
    await appendHistory(fixture.store, 3_000, { opened: bug, team: 'app-support', ruleId: 'application-support' });
    await appendHistory(fixture.store, 1_000, {
      opened: acmeBug,
      team: 'customer-success',
      ruleId: 'application-not-subscribed',
      then: { kind: 'returned', downgradedTo: 'normal' },
    });
    await appendHistory(fixture.store, 1_500, {
      opened: { ...errors, labels: staging },
      severity: 'low',
      team: 'app-support',
      ruleId: 'errors-from-staging',
      then: { kind: 'no_action', reason: 'staging' },
    });
    await appendHistory(fixture.store, 500, { opened: errors, team: 'app-support', ruleId: 'application-support' });
    await catchUpCompletely(
      new ProjectionRunner(fixture.dataSource, fixture.store, PROJECTIONS, 500),
      fixture.store,
      240_000,
    );
    const readModelsBefore = await snapshotTables(fixture.dataSource, PROJECTIONS);
    const before = await databaseFingerprint(fixture);
    const headBefore = await fixture.store.head();

    const auditor = testBearer(['auditor']);
    const unchanged = await request(app.getHttpServer())
      .post('/v1/triage/whatif')
      .set('Authorization', auditor)
      .send({ rules: RULES, since: '1h' })
      .expect(200);
    const response = await request(app.getHttpServer())
      .post('/v1/triage/whatif')
      .set('Authorization', auditor)
      .send({ rules: PROPOSED, fileName: 'proposed.yaml', since: '1h' })
      .expect(200);
    const { totals, rows } = response.body as WhatIfReport;

    // The rules in force reproduce history, facts and directory rebuilt as they were, but for the people's decisions.
    expect((unchanged.body as WhatIfReport).totals).toMatchObject({
      incidents: 10_000,
      changed: 200,
      changedWherePersonDecided: 200,
      owningTeam: [{ from: 'database', to: 'customer-success', incidents: 200 }],
    });
    expect(totals).toMatchObject({
      incidents: 10_000,
      changed: 5_500,
      changedWherePersonDecided: 200,
      byAspect: { category: 0, severity: 1_500, owningTeam: 4_000, disposition: 1_500, pages: 1_500 },
      owningTeam: [
        { from: 'customer-success', to: 'app-support', incidents: 3_800 },
        { from: 'database', to: 'app-support', incidents: 200 },
      ],
      severity: [{ from: 'low', to: 'high', incidents: 1_500 }],
      disposition: [{ from: 'no_action', to: 'routed', incidents: 1_500 }],
      pages: { actual: 7_500, proposed: 9_000 },
    });
    expect(totals.summary).toEqual([
      '3800 incidents would have gone to app-support instead of customer-success',
      '1500 incidents would have been routed to a team instead of marked no action needed',
      '1500 incidents would have been high instead of low',
      '200 incidents would have gone to app-support instead of database',
      '1500 more pages',
    ]);
    expect(rows).toHaveLength(5_500);
    expect(new Set(rows.map((row) => row.incidentId)).size).toBe(5_500);

    expect(await fixture.store.head()).toEqual(headBefore);
    expect(await databaseFingerprint(fixture)).toEqual(before);
    expect(await snapshotTables(fixture.dataSource, PROJECTIONS)).toEqual(readModelsBefore);
  }, 300_000);

  it('answers CSV, refuses a rule set with an error naming file, line and path, and only admins and auditors', async () => {
    const csv = await request(app.getHttpServer())
      .post('/v1/triage/whatif')
      .set('Authorization', testBearer(['admin']))
      .send({ rules: PROPOSED, since: '1h', format: 'csv' })
      .expect(200)
      .expect('Content-Type', /text\/csv/);
    expect(csv.text.split('\r\n')[0]).toMatch(
      /^incidentId,openedAt,customerId,service,title,decidedBy,actual\.category/,
    );
    expect(csv.text.trimEnd().split('\r\n')).toHaveLength(5_501);

    const broken = RULES.replace('team: security', 'team: [security]');
    const refused = await request(app.getHttpServer())
      .post('/v1/triage/whatif')
      .set('Authorization', testBearer(['auditor']))
      .send({ rules: broken, fileName: 'broken.yaml' })
      .expect(400);
    expect(refused.body.errors[0]).toMatchObject({ file: 'broken.yaml', path: 'rules[1].then.team' });
    expect(refused.body.errors[0].line).toBeGreaterThan(1);

    await request(app.getHttpServer())
      .post('/v1/triage/whatif')
      .set('Authorization', testBearer(['responder']))
      .send({ rules: RULES })
      .expect(403);
    await request(app.getHttpServer())
      .post('/v1/triage/whatif')
      .set('Authorization', testBearer(['auditor']))
      .send({ rules: RULES, since: 'a month' })
      .expect(400);
  });
});
