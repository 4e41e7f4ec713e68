import { changeStreamId } from '@incident/domain';
import { describeWithInfrastructure } from '@incident/testing';
import { fixture, startIntake, type IntakeTestApp } from '../test-support/intake-test-app';

/**
 * Change events (issue 21) through the intake app: accepted ones recorded on the service's change stream, bad ones
 * answered with the same 400/401/403/413/429 as alerts, and then nothing written.
 */
describeWithInfrastructure(['postgres', 'kafka'], 'intake: change events', () => {
  let intake: IntakeTestApp;
  let key: string;

  beforeAll(async () => {
    intake = await startIntake('intake_changes', { INTAKE_RATE_LIMIT_PER_MINUTE: '5' });
    ({ key } = await intake.createIntegration({ source: 'ci', customerId: 'acme', service: 'checkout' }));
  });
  afterAll(async () => {
    await intake?.close();
  });

  const changeEvent = (overrides: Record<string, unknown> = {}) => ({
    ...fixture('pagerduty-change.json'),
    routing_key: key,
    ...overrides,
  });
  const enqueue = () => intake.http().post('/v2/change/enqueue');
  const changesOn = async (customer: string, service: string) =>
    (await intake.events()).filter((event) => event.stream_id === changeStreamId(customer, service));
  const writesNothing = (body: () => Promise<void>) => async () => {
    const before = (await intake.events()).length;
    await body();
    expect((await intake.events()).length).toBe(before);
  };

  describe('given a PagerDuty change event', () => {
    it('answers 202 once it is recorded on the service’s change stream, as PagerDuty sent it', async () => {
      const response = await enqueue().send(changeEvent()).expect(202);

      expect(response.body).toEqual({
        status: 'success',
        message: 'Change event processed',
        change_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      expect(await changesOn('acme', 'checkout')).toEqual([
        {
          stream_id: changeStreamId('acme', 'checkout'),
          event_type: 'ChangeRecorded',
          data: {
            changeId: response.body.change_id,
            integrationId: expect.any(String),
            customerId: 'acme',
            service: 'checkout',
            changeType: 'deploy',
            summary: 'Deploy checkout-api v2.3.1 (build 4411)',
            source: 'github-actions',
            occurredAt: '2026-11-22T09:48:00.000Z',
            details: { type: 'deploy', build_state: 'passed', build_number: '4411', run_time: '1236s' },
            links: [{ href: 'https://github.com/globex/checkout-api/pull/812', text: 'PR #812' }],
          },
        },
      ]);
    });
  });

  describe('given a generic change', () => {
    it('records it on the service it names, at the time it names, of its type', async () => {
      const response = await intake
        .http()
        .post('/v1/changes')
        .set('X-Integration-Key', key)
        .send({ summary: 'Raised the connection pool to 40', type: 'Config', service: 'payments' })
        .expect(202);

      expect(response.body).toMatchObject({ status: 'success', message: 'Change processed' });
      expect(await changesOn('acme', 'payments')).toEqual([
        expect.objectContaining({
          data: expect.objectContaining({
            changeId: response.body.change_id,
            changeType: 'config',
            source: 'ci',
            // No time given: when intake received it (the test's clock).
            occurredAt: intake.clock.now.toISOString(),
            links: [],
            details: {},
          }),
        }),
      ]);
    });
  });

  describe('given bad change events', () => {
    it(
      'answers malformed JSON with the same 400 as a trigger',
      writesNothing(async () => {
        const response = await enqueue().set('Content-Type', 'application/json').send('{"payload": ').expect(400);
        expect(response.body).toEqual({
          status: 'invalid event',
          message: 'Event object is invalid',
          errors: ['body: is not valid JSON'],
        });
      }),
    );

    it(
      'names every bad field of a PagerDuty change event at once',
      writesNothing(async () => {
        const response = await enqueue()
          .send({
            routing_key: 42,
            payload: { summary: '', timestamp: 'yesterday', custom_details: 'deploy' },
            links: [{ text: 'no href' }, { href: 'not a url' }],
          })
          .expect(400);
        expect(response.body).toMatchObject({ status: 'invalid event', message: 'Event object is invalid' });
        const errors = (response.body.errors as string[]).join('\n');
        for (const field of [
          'routing_key',
          'payload.summary',
          'payload.timestamp',
          'payload.custom_details',
          'links.0.href',
          'links.1.href',
        ]) {
          expect(errors).toContain(`${field}:`);
        }
        expect(errors).toContain('payload.timestamp: timestamp must be an ISO 8601 date-time');
      }),
    );

    it(
      'requires the payload',
      writesNothing(async () => {
        const response = await enqueue().send({ routing_key: key }).expect(400);
        expect((response.body.errors as string[]).join('\n')).toContain('payload:');
      }),
    );

    it(
      'names every bad field of a generic change',
      writesNothing(async () => {
        const response = await intake
          .http()
          .post('/v1/changes')
          .set('Authorization', `Bearer ${key}`)
          .send({ type: 'a deploy!', occurredAt: '03/12/2026', links: 'x' })
          .expect(400);
        const errors = (response.body.errors as string[]).join('\n');
        for (const field of ['summary', 'type', 'occurredAt', 'links']) expect(errors).toContain(`${field}:`);
      }),
    );

    it(
      'answers a body over 512 KB with 413',
      writesNothing(async () => {
        await enqueue()
          .send(changeEvent({ padding: 'x'.repeat(513 * 1024) }))
          .expect(413);
      }),
    );

    it(
      'answers an unknown or missing key with 401, a revoked one with 403',
      writesNothing(async () => {
        const unknown = await enqueue()
          .send(changeEvent({ routing_key: '0'.repeat(32) }))
          .expect(401);
        expect(unknown.body).toEqual({ status: 'unauthorized', message: 'the integration key is not known' });
        await intake.http().post('/v1/changes').send({ summary: 'deploy' }).expect(401);
        const revoked = await intake.createIntegration();
        await intake
          .http()
          .delete(`/v1/integrations/${revoked.integration.id}`)
          .set('Authorization', intake.admin())
          .expect(200);
        const response = await enqueue()
          .send(changeEvent({ routing_key: revoked.key }))
          .expect(403);
        expect(response.body.message).toMatch(/revoked/);
      }),
    );

    it('answers 429 with Retry-After over the key’s rate, which alerts and changes share, and writes nothing', async () => {
      const limited = await intake.createIntegration({ name: 'limited' });
      for (let sent = 0; sent < 5; sent += 1) {
        await intake
          .http()
          .post('/v1/changes')
          .set('X-Integration-Key', limited.key)
          .send({ summary: `deploy ${sent}` })
          .expect(202);
      }
      const before = (await intake.events()).length;

      const response = await enqueue()
        .send(changeEvent({ routing_key: limited.key }))
        .expect(429);

      expect(response.headers['retry-after']).toMatch(/^\d+$/);
      expect((await intake.events()).length).toBe(before);
    });
  });
});
