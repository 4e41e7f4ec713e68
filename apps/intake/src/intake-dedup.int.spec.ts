import { describeWithInfrastructure } from '@incident/testing';
import { fixture, startIntake, type IntakeTestApp } from './test-support/intake-test-app';
import { incidentStreamId } from '@incident/domain';

describeWithInfrastructure(['postgres', 'kafka'], 'intake: dedup, grouping and reopening through the store', () => {
  let intake: IntakeTestApp;

  beforeAll(async () => {
    intake = await startIntake('intake_dedup', { INTAKE_RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(async () => {
    await intake?.close();
  });

  const trigger = (key: string, dedupKey: string) =>
    intake
      .http()
      .post('/v2/enqueue')
      .send({ ...fixture('pagerduty-trigger.json'), routing_key: key, dedup_key: dedupKey });
  const resolve = (key: string, dedupKey: string) =>
    intake.http().post('/v2/enqueue').send({ routing_key: key, event_action: 'resolve', dedup_key: dedupKey });
  const openedFor = async (dedupKey: string) =>
    (await intake.events()).filter((e) => e.event_type === 'IncidentOpened' && e.data['dedupKey'] === dedupKey);
  const streamOf = async (incidentId: unknown) =>
    (await intake.events()).filter((e) => e.stream_id === incidentStreamId(String(incidentId)));

  it('opens exactly one incident for 200 concurrent identical triggers, correlating the other 199', async () => {
    const { key } = await intake.createIntegration();
    const responses = await Promise.all(Array.from({ length: 200 }, () => trigger(key, 'concurrent')));
    expect(responses.map((response) => response.status)).toEqual(Array(200).fill(202));
    const opened = await openedFor('concurrent');
    expect(opened).toHaveLength(1);
    const stream = await streamOf(opened[0]?.data['incidentId']);
    expect(stream.filter((e) => e.event_type === 'AlertCorrelated')).toHaveLength(199);
    expect(stream.at(-1)?.data['alertCount']).toBe(200);
  });

  it('turns a storm of 1,000 firing instances of one alert for one customer into one incident of 1,000 alerts', async () => {
    const { key } = await intake.createIntegration({ groupBy: ['alertname', 'customer'] });
    const base = fixture('alertmanager-firing.json');
    const template = (base['alerts'] as Record<string, unknown>[])[0] as Record<string, unknown>;
    const labels = template['labels'] as Record<string, string>;
    const alerts = Array.from({ length: 1000 }, (_, i) => ({
      ...template,
      labels: { ...labels, alertname: 'StormAlert', instance: `host-${i}` },
      fingerprint: `storm-${i}`,
    }));
    // 20 webhooks of 50 alerts each, all at once, as an Alertmanager with many groups would post them.
    await Promise.all(
      Array.from({ length: 20 }, (_, w) =>
        intake
          .http()
          .post('/v1/alerts/alertmanager')
          .set('Authorization', `Bearer ${key}`)
          .send({ ...base, alerts: alerts.slice(w * 50, w * 50 + 50) })
          .expect(202),
      ),
    );
    const events = await intake.events();
    const opened = events.filter(
      (e) =>
        e.event_type === 'IncidentOpened' && (e.data['labels'] as Record<string, string>)['alertname'] === 'StormAlert',
    );
    expect(opened).toHaveLength(1);
    const stream = await streamOf(opened[0]?.data['incidentId']);
    expect(stream.filter((e) => e.event_type === 'AlertCorrelated')).toHaveLength(999);
    expect(stream.at(-1)?.data['alertCount']).toBe(1000);
  });

  describe('when the incident resolved at the source', () => {
    it('reopens it for a firing alert within the reopen window', async () => {
      const { key } = await intake.createIntegration();
      await trigger(key, 'reopen-within').expect(202);
      await resolve(key, 'reopen-within').expect(202);
      intake.clock.now = new Date(intake.clock.now.getTime() + 29 * 60_000);
      await trigger(key, 'reopen-within').expect(202);
      const opened = await openedFor('reopen-within');
      expect(opened).toHaveLength(1);
      expect((await streamOf(opened[0]?.data['incidentId'])).map((e) => e.event_type)).toEqual([
        'IncidentOpened',
        'AlertResolvedAtSource',
        'IncidentResolved',
        'IncidentReopened',
      ]);
    });

    it('opens a new incident for a firing alert after the reopen window', async () => {
      const { key } = await intake.createIntegration();
      await trigger(key, 'reopen-after').expect(202);
      await resolve(key, 'reopen-after').expect(202);
      intake.clock.now = new Date(intake.clock.now.getTime() + 31 * 60_000);
      await trigger(key, 'reopen-after').expect(202);
      const opened = await openedFor('reopen-after');
      expect(opened).toHaveLength(2);
      expect((await streamOf(opened[0]?.data['incidentId'])).map((e) => e.event_type)).toEqual([
        'IncidentOpened',
        'AlertResolvedAtSource',
        'IncidentResolved',
      ]);
    });
  });

  it('correlates a repeated trigger instead of opening a second incident', async () => {
    const { key } = await intake.createIntegration();
    await trigger(key, 'repeat').expect(202);
    await trigger(key, 'repeat').expect(202);
    const opened = await openedFor('repeat');
    expect(opened).toHaveLength(1);
    expect((await streamOf(opened[0]?.data['incidentId'])).map((e) => e.event_type)).toEqual([
      'IncidentOpened',
      'AlertCorrelated',
    ]);
  });
});
