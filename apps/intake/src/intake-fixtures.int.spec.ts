import { describeWithInfrastructure } from '@incident/testing';
import { fixture, startIntake, type IntakeTestApp } from './test-support/intake-test-app';
import { incidentStreamId } from '@incident/domain';

describeWithInfrastructure(['postgres', 'kafka'], 'intake: every fixture end to end into the store', () => {
  let intake: IntakeTestApp;

  beforeAll(async () => {
    intake = await startIntake('intake_fixtures');
  });
  afterAll(async () => {
    await intake?.close();
  });

  const typesOf = async (incidentId: string) =>
    (await intake.events()).filter((e) => e.stream_id === incidentStreamId(incidentId)).map((e) => e.event_type);

  it('takes a PagerDuty trigger, acknowledge and resolve for one dedup key', async () => {
    const { key } = await intake.createIntegration({ source: 'pagerduty', customerId: 'globex' });
    const send = (name: string) =>
      intake
        .http()
        .post('/v2/enqueue')
        .send({ ...fixture(name), routing_key: key });
    const trigger = await send('pagerduty-trigger.json').expect(202);
    expect(trigger.body).toEqual({
      status: 'success',
      message: 'Event processed',
      dedup_key: 'checkout-api/error-rate',
    });
    await send('pagerduty-acknowledge.json').expect(202);
    await send('pagerduty-resolve.json').expect(202);
    const opened = (await intake.events()).find((e) => e.event_type === 'IncidentOpened');
    expect(opened?.data).toMatchObject({
      dedupKey: 'checkout-api/error-rate',
      customerId: 'globex',
      service: 'checkout-api',
      title: 'checkout-api 5xx rate 12% (threshold 2%)',
      category: 'errors.high_rate',
      severity: 'high',
    });
    // PagerDuty's behaviour (autoResolve `always`, the default): the source's resolve resolves it, acknowledged or not.
    expect(await typesOf(String(opened?.data['incidentId']))).toEqual([
      'IncidentOpened',
      'IncidentAcknowledged',
      'AlertResolvedAtSource',
      'IncidentResolved',
    ]);
  });

  it('generates a dedup key for a trigger without one', async () => {
    const { key } = await intake.createIntegration();
    const { dedup_key: _omitted, ...event } = fixture('pagerduty-trigger.json');
    const response = await intake
      .http()
      .post('/v2/enqueue')
      .send({ ...event, routing_key: key })
      .expect(202);
    expect(response.body.dedup_key).toMatch(/^[0-9a-f]{32}$/);
  });

  it('takes an Alertmanager group firing, then resolved: one incident per group_by, resolved at the source', async () => {
    const { key } = await intake.createIntegration({ source: 'alertmanager', groupBy: ['alertname', 'customer'] });
    const post = (name: string) =>
      intake.http().post('/v1/alerts/alertmanager').set('Authorization', `Bearer ${key}`).send(fixture(name));
    await post('alertmanager-firing.json').expect(202);
    await post('alertmanager-resolved.json').expect(202);
    const events = await intake.events();
    const opened = events.filter((e) => e.event_type === 'IncidentOpened' && e.data['source'] !== 'ticket');
    const mine = opened.filter(
      (e) => (e.data['labels'] as Record<string, string>)['alertname'] === 'PostgresMemoryHigh',
    );
    expect(mine).toHaveLength(1);
    const types = await typesOf(String(mine[0]?.data['incidentId']));
    expect(types).toEqual([
      'IncidentOpened',
      'AlertCorrelated',
      'AlertResolvedAtSource',
      'AlertResolvedAtSource',
      'IncidentResolved',
    ]);
  });

  it('takes the generic alert with the key in X-Integration-Key', async () => {
    const { key } = await intake.createIntegration({ customerId: 'initech' });
    const response = await intake
      .http()
      .post('/v1/alerts')
      .set('X-Integration-Key', key)
      .send(fixture('generic-alert.json'))
      .expect(202);
    expect(response.body.dedup_key).toBe('initech/storefront/down');
    const opened = (await intake.events()).find(
      (e) => e.event_type === 'IncidentOpened' && e.data['dedupKey'] === 'initech/storefront/down',
    );
    expect(opened?.data).toMatchObject({
      service: 'storefront',
      severity: 'urgent',
      category: 'availability.downtime',
    });
  });

  it('takes an urgent ticket as a new incident of urgent severity', async () => {
    const { key } = await intake.createIntegration({ customerId: 'initech', defaultCategory: 'defect.bug' });
    const response = await intake
      .http()
      .post('/v1/tickets')
      .set('Authorization', `Bearer ${key}`)
      .send(fixture('ticket-urgent.json'))
      .expect(202);
    const opened = (await intake.events()).find(
      (e) => e.event_type === 'IncidentOpened' && e.data['dedupKey'] === response.body.ticket_id,
    );
    expect(opened?.data).toMatchObject({
      source: 'ticket',
      customerId: 'initech',
      severity: 'urgent',
      category: 'defect.bug',
      labels: { kind: 'application', reportedBy: 'ops@initech.example' },
    });
  });
});
