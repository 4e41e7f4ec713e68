import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type INestApplication, Module } from '@nestjs/common';
import request from 'supertest';
import { EventStoreModule } from '@incident/event-store';
import { createTestEventStore, type TestEventStore } from '@incident/event-store/testing';
import type { Role } from '@incident/platform';
import { startTestService, testBearer } from '@incident/platform/testing';
import { describeWithInfrastructure, kafkaBrokers } from '@incident/testing';
import { DirectoryApiModule } from './directory-api.module';

/** As in the query app: the global event store module beside the directory API. */
@Module({ imports: [EventStoreModule.forRoot(), DirectoryApiModule] })
class DirectoryApiTestModule {}

const example = readFileSync(join(__dirname, '../../../../config/directory.example.yaml'), 'utf8');

describeWithInfrastructure(['postgres', 'kafka'], 'the directory API', () => {
  let eventStore: TestEventStore;
  let app: INestApplication;
  let beforeFirstApply: string;
  const as = (roles: Role[]) => testBearer(roles, `${roles[0]}-1`);
  const put = (body: string, roles: Role[] = ['admin'], type = 'application/yaml') =>
    request(app.getHttpServer())
      .put('/v1/directory')
      .set('Authorization', as(roles))
      .set('Content-Type', type)
      .send(body);

  beforeAll(async () => {
    eventStore = await createTestEventStore('directory_api');
    app = await startTestService('query', DirectoryApiTestModule, {
      databaseUrl: eventStore.database.url,
      kafkaBrokers: kafkaBrokers(),
    });
    beforeFirstApply = new Date().toISOString();
  });

  afterAll(async () => {
    await app?.close();
    await eventStore?.close();
  });

  it('has no directory before the first PUT', async () => {
    await request(app.getHttpServer())
      .get('/v1/directory')
      .set('Authorization', as(['responder']))
      .expect(404);
  });

  it('refuses a PUT from anyone but an admin', async () => {
    await put(example, ['responder']).expect(403);
  });

  it('answers an invalid directory with 400 and errors naming line and path', async () => {
    const response = await put(example.replace('ownerTeam: database', 'ownerTeam: dba')).expect(400);

    expect(response.body.errors).toEqual([
      expect.objectContaining({ path: 'services[1].ownerTeam', message: 'no team dba', line: expect.any(Number) }),
    ]);
  });

  it('applies a YAML body once, and serves it to any role', async () => {
    const first = await put(example).expect(200);
    const second = await put(example).expect(200);
    const shown = await request(app.getHttpServer())
      .get('/v1/directory')
      .set('Authorization', as(['auditor']))
      .expect(200);

    expect(first.body).toMatchObject({ applied: true, version: 1, appliedBy: { kind: 'user', id: 'admin-1' } });
    expect(second.body).toMatchObject({ applied: false, version: 1 });
    expect(shown.body).toMatchObject({ version: 1, yaml: example, summary: { customers: 3 } });
    expect(shown.body.directory.customers[0].id).toBe('acme');
  });

  it('accepts JSON {yaml} and keeps the older version for ?at=', async () => {
    const changed = example.replace('preApprovedHoursPerMonth: 10', 'preApprovedHoursPerMonth: 12');
    const appliedAt = new Date().toISOString();

    await put(JSON.stringify({ yaml: changed }), ['admin'], 'application/json').expect(200);
    const now = await request(app.getHttpServer())
      .get('/v1/directory')
      .set('Authorization', as(['responder']));
    const before = await request(app.getHttpServer())
      .get('/v1/directory')
      .query({ at: appliedAt })
      .set('Authorization', as(['responder']));
    const beforeAny = await request(app.getHttpServer())
      .get('/v1/directory')
      .query({ at: beforeFirstApply })
      .set('Authorization', as(['responder']));

    expect(now.body).toMatchObject({ version: 2 });
    expect(before.body).toMatchObject({ version: 1 });
    expect(beforeAny.status).toBe(404);
  });
});
