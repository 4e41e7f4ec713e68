import { Controller, Get, type INestApplication, Module } from '@nestjs/common';
import request from 'supertest';
import { describeWithInfrastructure, databaseUrl, kafkaBrokers } from '@incident/testing';
import { Roles } from './auth/roles.decorator';
import { mintToken } from './auth/tokens';
import jwt from 'jsonwebtoken';
import { startTestService, TEST_JWT_SECRET, testBearer, testCustomerBearer } from './testing';

@Controller('v1/test')
class ProbeController {
  @Get('any')
  any(): { ok: true } {
    return { ok: true };
  }

  @Roles('admin')
  @Get('admin-only')
  adminOnly(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describeWithInfrastructure(['postgres', 'kafka'], 'a service on the platform module, over HTTP', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startTestService('query', ProbeModule, { databaseUrl: databaseUrl(), kafkaBrokers: kafkaBrokers() });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('keeps health and metrics open', async () => {
    await request(app.getHttpServer())
      .get('/health/live')
      .expect(200, { status: 'ok', info: {}, error: {}, details: {} });
    const ready = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(ready.body.info).toMatchObject({ postgres: { status: 'up' }, kafka: { status: 'up' } });
  });

  it('answers 401 naming the problem without a token or with a bad one', async () => {
    const missing = await request(app.getHttpServer()).get('/v1/test/any').expect(401);
    expect(missing.body.message).toMatch(/missing bearer token/);
    const forged = await request(app.getHttpServer())
      .get('/v1/test/any')
      .set(
        'Authorization',
        `Bearer ${mintToken({ secret: 'x'.repeat(40), issuer: 'incident-platform' }, { subject: 'eve', roles: ['admin'], expiresIn: '5m' })}`,
      )
      .expect(401);
    expect(forged.body.message).toBe('token is not valid');
  });

  it('answers 403 when the token lacks the role, 200 when it has it', async () => {
    await request(app.getHttpServer())
      .get('/v1/test/any')
      .set('Authorization', testBearer(['auditor']))
      .expect(200, { ok: true });
    const refused = await request(app.getHttpServer())
      .get('/v1/test/admin-only')
      .set('Authorization', testBearer(['responder']))
      .expect(403);
    expect(refused.body.message).toMatch(/requires role admin/);
    await request(app.getHttpServer())
      .get('/v1/test/admin-only')
      .set('Authorization', testBearer(['admin']))
      .expect(200);
  });

  it('keeps a customer out of routes that do not name the customer role, and tells it who it is', async () => {
    const refused = await request(app.getHttpServer())
      .get('/v1/test/any')
      .set('Authorization', testCustomerBearer('acme'))
      .expect(403);
    expect(refused.body.message).toMatch(/requires role responder or admin or auditor/);
    await request(app.getHttpServer())
      .get('/v1/whoami')
      .set('Authorization', testCustomerBearer('acme', 'ann'))
      .expect(200, { subject: 'ann', roles: ['customer'], customerId: 'acme' });
  });

  it('answers 401 to a customer token that names no customer, even signed with the secret', async () => {
    const token = jwt.sign({ roles: ['customer'] }, TEST_JWT_SECRET, { issuer: 'incident-platform', subject: 'ann' });
    const refused = await request(app.getHttpServer())
      .get('/v1/whoami')
      .set('Authorization', `Bearer ${token}`)
      .expect(401);
    expect(refused.body.message).toMatch(/a customer token needs a customer id/);
  });

  it('echoes or assigns a correlation id', async () => {
    const given = await request(app.getHttpServer()).get('/health/live').set('x-correlation-id', 'abc-123').expect(200);
    expect(given.headers['x-correlation-id']).toBe('abc-123');
    const assigned = await request(app.getHttpServer()).get('/health/live').expect(200);
    expect(assigned.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('exposes process metrics and the duration of requests by route template', async () => {
    const countOf = async (): Promise<number> => {
      const scrape = await request(app.getHttpServer()).get('/metrics').expect(200);
      expect(scrape.text).toMatch(/process_cpu_user_seconds_total\{service="query"\}/);
      const line =
        /http_request_duration_seconds_count\{service="query",method="GET",route="\/v1\/test\/any",status_code="200"\} (\d+)/.exec(
          scrape.text,
        );
      return Number(line?.[1] ?? 0);
    };
    const before = await countOf();
    await request(app.getHttpServer())
      .get('/v1/test/any')
      .set('Authorization', testBearer(['responder']))
      .expect(200);
    expect(await countOf()).toBe(before + 1);
  });
});
