import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type INestApplication, Module } from '@nestjs/common';
import request from 'supertest';
import { DirectoryVersions, OnCallQueries } from '@incident/directory';
import { EventStoreModule } from '@incident/event-store';
import { createTestEventStore, type TestEventStore } from '@incident/event-store/testing';
import type { Role } from '@incident/platform';
import { startTestService, testBearer, testCustomerBearer } from '@incident/platform/testing';
import { describeWithInfrastructure, kafkaBrokers } from '@incident/testing';
import { OnCallModule } from './on-call.module';

/** As in EscalationModule: the global event store beside the on-call surface. */
@Module({ imports: [EventStoreModule.forRoot(), OnCallModule] })
class OnCallTestModule {}

const example = readFileSync(join(__dirname, '../../../../config/directory.example.yaml'), 'utf8');
const CHRISTMAS = '2026-12-25T12:00:00Z';

describeWithInfrastructure(['postgres', 'kafka'], 'the on-call API', () => {
  let eventStore: TestEventStore;
  let app: INestApplication;
  const as = (roles: Role[]) => testBearer(roles, `${roles[0]}-1`);
  const get = (path: string, roles: Role[] = ['responder']) =>
    request(app.getHttpServer()).get(path).set('Authorization', as(roles));
  const onCallOf = (body: { schedules: { scheduleId: string; onCall: { personId: string }[] }[] }, id: string) =>
    body.schedules.find((s) => s.scheduleId === id)?.onCall.map((p) => p.personId);

  beforeAll(async () => {
    eventStore = await createTestEventStore('oncall_api');
    await new DirectoryVersions(eventStore.store).apply(example, 'directory.yaml', {
      actor: { kind: 'user', id: 'admin-1' },
      correlationId: 'c-1',
      occurredAt: new Date().toISOString(),
    });
    app = await startTestService('escalation', OnCallTestModule, {
      databaseUrl: eventStore.database.url,
      kafkaBrokers: kafkaBrokers(),
    });
  });

  afterAll(async () => {
    await app?.close();
    await eventStore?.close();
  });

  describe('GET /v1/oncall', () => {
    it('names a team’s schedules, who is on call, and whom its policy pages first', async () => {
      const response = await get(`/v1/oncall?team=customer-success&at=${CHRISTMAS}`).expect(200);

      expect(response.body).toMatchObject({
        at: '2026-12-25T12:00:00.000Z',
        teams: [
          {
            teamId: 'customer-success',
            escalationPolicy: 'infrastructure',
            pagedFirst: [{ personId: 'carol', name: 'Carol Nguyen', via: { kind: 'schedule', id: 'infra-primary' } }],
          },
        ],
        schedules: [
          {
            scheduleId: 'infra-primary',
            onCall: [{ personId: 'carol', layer: null, override: true, until: '2026-12-27T08:00:00.000Z' }],
          },
        ],
      });
    });

    it('hands the Paris weekly rotation off at 09:00 summer time after the March change (07:00 UTC)', async () => {
      const before = await get('/v1/oncall?at=2027-03-29T06:59:00Z').expect(200);
      const after = await get('/v1/oncall?at=2027-03-29T07:30:00Z').expect(200);

      expect([onCallOf(before.body, 'infra-primary'), onCallOf(after.body, 'infra-primary')]).toEqual([
        ['carol'],
        ['alice'],
      ]);
    });

    it('shows every schedule without a team, each layer’s person for a layered one', async () => {
      const response = await get('/v1/oncall?at=2027-01-05T15:00:00Z', ['auditor']).expect(200);

      expect(response.body.schedules.map((s: { scheduleId: string }) => s.scheduleId)).toEqual([
        'infra-primary',
        'app-support',
        'database',
      ]);
      expect(onCallOf(response.body, 'app-support')).toEqual(['dave', 'alice']);
    });

    it('answers 404 for a moment before any directory version was in force', async () => {
      const response = await get('/v1/oncall?at=2020-01-01T00:00:00Z').expect(404);

      expect(response.body.message).toBe('no directory version was in force at 2020-01-01T00:00:00.000Z');
    });

    it('answers 404 for an unknown team, 400 for a bad time, 401 without a token and 403 to a customer', async () => {
      await get('/v1/oncall?team=nobody').expect(404);
      await get('/v1/oncall?at=yesterday').expect(400);
      await request(app.getHttpServer()).get('/v1/oncall').expect(401);
      await request(app.getHttpServer()).get('/v1/oncall').set('Authorization', testCustomerBearer('acme')).expect(403);
    });
  });

  describe('overrides', () => {
    const path = '/v1/schedules/database/overrides';
    const body = { person: 'frank', from: '2027-02-01T00:00:00Z', until: '2027-02-02T00:00:00Z', reason: 'swap' };
    const post = (roles: Role[], sent: object = body) =>
      request(app.getHttpServer()).post(path).set('Authorization', as(roles)).send(sent);

    it('are made by an admin only, and refused with the reason when they name what does not exist', async () => {
      await post(['responder']).expect(403);
      const refused = await post(['admin'], { ...body, person: 'zoe', layer: 'nightly' }).expect(400);

      expect(refused.body.message).toEqual([
        'person: no person zoe in the directory',
        'layer: schedule database has no layer nightly',
      ]);
      await post(['admin'], { ...body, from: 'soon' }).expect(400);
      await request(app.getHttpServer())
        .post('/v1/schedules/nope/overrides')
        .set('Authorization', as(['admin']))
        .send(body)
        .expect(404);
    });

    it('are honoured by the resolver, durable in the store, and removed by an admin', async () => {
      const made = await post(['admin']).expect(201);
      const during = await get('/v1/oncall?team=database&at=2027-02-01T12:00:00Z').expect(200);
      const stored = await new OnCallQueries(eventStore.store).overrides.list();
      await request(app.getHttpServer())
        .delete(`${path}/${made.body.overrideId}`)
        .set('Authorization', as(['admin']))
        .expect(204);
      const after = await get('/v1/oncall?team=database&at=2027-02-01T12:00:00Z').expect(200);
      const again = await request(app.getHttpServer())
        .delete(`${path}/${made.body.overrideId}`)
        .set('Authorization', as(['admin']));

      expect(made.body).toMatchObject({
        scheduleId: 'database',
        person: 'frank',
        layer: null,
        madeBy: { id: 'admin-1' },
      });
      expect(onCallOf(during.body, 'database')).toEqual(['frank']);
      expect(during.body.teams[0].pagedFirst.map((p: { personId: string }) => p.personId)).toEqual(['frank']);
      expect(stored.map((o) => [o.overrideId, o.person])).toEqual([[made.body.overrideId, 'frank']]);
      expect(onCallOf(after.body, 'database')).not.toContain('frank');
      expect(again.status).toBe(404);
    });
  });

  describe('the iCalendar feed', () => {
    it('gives staff a signed feed URL, and serves the shifts to that URL only', async () => {
      const feed = await get('/v1/schedules/infra-primary/feed').expect(200);
      const url = new URL(feed.body.url as string);
      const calendar = await request(app.getHttpServer()).get(`${url.pathname}${url.search}`).expect(200);
      const tampered = url.search.replace(/token=./, 'token=x');

      expect(feed.body.url).toMatch(/^http:\/\/127\.0\.0\.1:3003\/v1\/schedules\/infra-primary\.ics\?token=[\w-]{43}$/);
      expect(calendar.headers['content-type']).toMatch(/^text\/calendar/);
      expect(calendar.text).toMatch(/^BEGIN:VCALENDAR/);
      expect(calendar.text).toMatch(
        /SUMMARY:On call: (Alice Moreau|Bob Okafor|Carol Nguyen) \(Infrastructure primary on-call\)/,
      );
      await request(app.getHttpServer()).get(`${url.pathname}${tampered}`).expect(401);
      await request(app.getHttpServer()).get(url.pathname).expect(401);
      await request(app.getHttpServer()).get(`/v1/schedules/database.ics${url.search}`).expect(401);
    });

    it('narrows to one person with ?person=', async () => {
      const feed = await get('/v1/schedules/infra-primary/feed').expect(200);
      const alice = new URL(
        (feed.body.personal as { personId: string; url: string }[]).find((p) => p.personId === 'alice')!.url,
      );
      const calendar = await request(app.getHttpServer()).get(`${alice.pathname}${alice.search}`).expect(200);

      expect(calendar.text).toContain('Alice Moreau');
      expect(calendar.text).not.toContain('SUMMARY:On call: Bob Okafor');
    });
  });
});
