import { describeWithInfrastructure } from '@incident/testing';
import { fixture, startIntake, type IntakeTestApp } from './test-support/intake-test-app';

describeWithInfrastructure(['postgres', 'kafka'], 'intake: bad input gets a clear 4xx and nothing is written', () => {
  let intake: IntakeTestApp;
  let key: string;

  beforeAll(async () => {
    intake = await startIntake('intake_bad_input', { INTAKE_RATE_LIMIT_PER_MINUTE: '3' });
    ({ key } = await intake.createIntegration());
  });
  afterAll(async () => {
    await intake?.close();
  });

  const enqueue = () => intake.http().post('/v2/enqueue');
  /** Wraps a test: whatever it sends, not one event is appended. */
  const writesNothing =
    <Args extends unknown[]>(body: (...args: Args) => Promise<void>) =>
    async (...args: Args) => {
      const before = (await intake.events()).length;
      await body(...args);
      expect((await intake.events()).length).toBe(before);
    };

  it(
    'answers malformed JSON with 400',
    writesNothing(async () => {
      const response = await enqueue().set('Content-Type', 'application/json').send('{"routing_key": ').expect(400);
      expect(response.body).toEqual({
        status: 'invalid event',
        message: 'Event object is invalid',
        errors: ['body: is not valid JSON'],
      });
    }),
  );

  it(
    'names every missing or mistyped field at once',
    writesNothing(async () => {
      const response = await enqueue()
        .send({ routing_key: 42, event_action: 'trigger', dedup_key: 'x'.repeat(256), payload: { severity: 'bad' } })
        .expect(400);
      expect(response.body.status).toBe('invalid event');
      const errors = (response.body.errors as string[]).join('\n');
      for (const field of ['routing_key', 'dedup_key', 'payload.summary', 'payload.source', 'payload.severity']) {
        expect(errors).toContain(`${field}:`);
      }
    }),
  );

  it(
    'requires a dedup key to acknowledge or resolve',
    writesNothing(async () => {
      const response = await enqueue().send({ routing_key: key, event_action: 'resolve' }).expect(400);
      expect((response.body.errors as string[]).join()).toContain('dedup_key:');
    }),
  );

  it(
    'answers a body over 512 KB with 413',
    writesNothing(async () => {
      const event = { ...fixture('pagerduty-trigger.json'), routing_key: key, padding: 'x'.repeat(513 * 1024) };
      await enqueue().send(event).expect(413);
    }),
  );

  it(
    'answers an unknown key with 401 and a missing one with 401',
    writesNothing(async () => {
      const response = await enqueue()
        .send({ ...fixture('pagerduty-trigger.json'), routing_key: '0'.repeat(32) })
        .expect(401);
      expect(response.body).toEqual({ status: 'unauthorized', message: 'the integration key is not known' });
      await intake.http().post('/v1/alerts').send(fixture('generic-alert.json')).expect(401);
    }),
  );

  it(
    'answers a revoked key with 403',
    writesNothing(async () => {
      const revoked = await intake.createIntegration();
      await intake
        .http()
        .delete(`/v1/integrations/${revoked.integration.id}`)
        .set('Authorization', intake.admin())
        .expect(200);
      const response = await intake
        .http()
        .post('/v1/alerts/alertmanager')
        .set('Authorization', `Bearer ${revoked.key}`)
        .send(fixture('alertmanager-firing.json'))
        .expect(403);
      expect(response.body.message).toMatch(/revoked/);
    }),
  );

  it(
    'validates the Alertmanager webhook, the generic alert and the ticket',
    writesNothing(async () => {
      const am = await intake
        .http()
        .post('/v1/alerts/alertmanager')
        .set('Authorization', `Bearer ${key}`)
        .send({ ...fixture('alertmanager-firing.json'), version: '3', alerts: [{ status: 'on' }] })
        .expect(400);
      expect((am.body.errors as string[]).join('\n')).toMatch(/version:[\s\S]*alerts\.0\.status:[\s\S]*fingerprint/);
      const ticket = await intake
        .http()
        .post('/v1/tickets')
        .set('Authorization', `Bearer ${key}`)
        .send({ ...fixture('ticket-urgent.json'), priority: 'asap', kind: 'network' })
        .expect(400);
      expect((ticket.body.errors as string[]).join('\n')).toMatch(/priority:[\s\S]*kind:/);
    }),
  );

  describe('keeps people without the admin role out of the integrations API', () => {
    const list = async () =>
      (await intake.http().get('/v1/integrations').set('Authorization', intake.admin()).expect(200)).body;
    const call = (method: 'GET' | 'POST' | 'DELETE', id: string) => {
      const http = intake.http();
      if (method === 'GET') return http.get('/v1/integrations');
      if (method === 'POST') return http.post('/v1/integrations').send({ name: 'intruder', source: 'x' });
      return http.delete(`/v1/integrations/${id}`);
    };

    it.each([
      ['nobody', undefined, 401, /missing bearer token/, undefined],
      ['a responder', ['responder'], 403, /requires role admin/, undefined],
      ['an auditor', ['auditor'], 403, /requires role admin/, undefined],
      ['a customer', ['customer'], 403, /requires role admin/, 'acme'],
    ] as const)(
      '%s (roles %j) gets %i on GET, POST and DELETE, and nothing changes',
      writesNothing(async (_who, roles, code, message, customerId) => {
        const target = await intake.createIntegration({ name: 'kept' });
        const before = await list();
        for (const method of ['GET', 'POST', 'DELETE'] as const) {
          const attempt = call(method, target.integration.id);
          const response = await (roles
            ? attempt.set('Authorization', intake.bearer([...roles], customerId))
            : attempt);
          expect([method, response.status, response.body.message]).toEqual([
            method,
            code,
            expect.stringMatching(message),
          ]);
        }
        expect(await list()).toEqual(before);
        // Still not revoked: the key is accepted (400 for the empty alert, not 401/403).
        await intake.http().post('/v1/alerts').set('X-Integration-Key', target.key).send({}).expect(400);
      }),
    );

    it(
      'lets an admin list them, without any key',
      writesNothing(async () => {
        expect(JSON.stringify(await list())).not.toContain(key);
      }),
    );
  });

  it(
    'answers 429 with Retry-After once the key used its minute',
    writesNothing(async () => {
      const limited = await intake.createIntegration();
      const send = () => intake.http().post('/v1/alerts').set('X-Integration-Key', limited.key).send({});
      for (let i = 0; i < 3; i++) await send().expect(400);
      const response = await send().expect(429);
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }),
  );
});
