import { describeWithInfrastructure } from '@incident/testing';
import type { RecordedEvent } from '@incident/event-store';
import { fixture, startIntake, type IntakeTestApp } from './test-support/intake-test-app';

const dataOf = (event: RecordedEvent) => event.data as Record<string, unknown>;

/**
 * An alert's events carry the correlation id of the HTTP delivery that brought it (the sender's X-Correlation-Id, or
 * the one intake made and echoed), as every other service's commands do: a sender, intake's log line and the
 * incident's history then name the same delivery.
 */
describeWithInfrastructure(['postgres', 'kafka'], 'intake: the delivery’s correlation id on its events', () => {
  let intake: IntakeTestApp;

  beforeAll(async () => {
    intake = await startIntake('intake_correlation');
  });
  afterAll(async () => {
    await intake?.close();
  });

  /** The distinct correlation ids on the events of the incident opened for this dedup key, and on its group's binding. */
  const correlationIdsOf = async (dedupKey: string) => {
    const events = await intake.recordedEvents();
    const opened = events.find((event) => event.type === 'IncidentOpened' && dataOf(event)['dedupKey'] === dedupKey);
    if (!opened) throw new Error(`no IncidentOpened for ${dedupKey}`);
    const incidentId = String(dataOf(opened)['incidentId']);
    return [
      ...new Set(
        events
          .filter((event) => dataOf(event)['incidentId'] === incidentId)
          .map((event) => event.metadata.correlationId),
      ),
    ];
  };

  it('takes the sender’s X-Correlation-Id on /v2/enqueue (the fast path) and echoes it', async () => {
    const { key } = await intake.createIntegration({ source: 'pagerduty' });
    const response = await intake
      .http()
      .post('/v2/enqueue')
      .set('X-Correlation-Id', 'sender-trace-41')
      .send({ ...fixture('pagerduty-trigger.json'), routing_key: key, dedup_key: 'correlation-fast-path' })
      .expect(202);
    expect(response.headers['x-correlation-id']).toBe('sender-trace-41');
    expect(await correlationIdsOf('correlation-fast-path')).toEqual(['sender-trace-41']);
  });

  it('uses the id intake made and echoed when the sender gives none, or one that is not an id', async () => {
    const { key } = await intake.createIntegration({ source: 'pagerduty' });
    const send = (dedupKey: string, header?: string) => {
      const post = intake.http().post('/v2/enqueue');
      if (header !== undefined) void post.set('X-Correlation-Id', header);
      return post.send({ ...fixture('pagerduty-trigger.json'), routing_key: key, dedup_key: dedupKey }).expect(202);
    };
    const none = await send('correlation-none');
    const made = String(none.headers['x-correlation-id']);
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
    expect(await correlationIdsOf('correlation-none')).toEqual([made]);

    const bad = await send('correlation-bad', 'not an id; drop table');
    const replaced = String(bad.headers['x-correlation-id']);
    expect(replaced).not.toBe('not an id; drop table');
    expect(await correlationIdsOf('correlation-bad')).toEqual([replaced]);
  });

  it('gives every alert of one Alertmanager webhook the webhook request’s id (the controller path)', async () => {
    const { integration, key } = await intake.createIntegration({
      source: 'alertmanager',
      groupBy: ['alertname', 'customer'],
    });
    await intake
      .http()
      .post('/v1/alerts/alertmanager')
      .set('Authorization', `Bearer ${key}`)
      .set('X-Correlation-Id', 'am-delivery-7')
      .send(fixture('alertmanager-firing.json'))
      .expect(202);
    const ofThisWebhook = (await intake.recordedEvents()).filter((event) => event.metadata.actor.id === integration.id);
    expect(ofThisWebhook.filter((event) => event.type === 'IncidentOpened').length).toBeGreaterThan(0);
    expect([...new Set(ofThisWebhook.map((event) => event.metadata.correlationId))]).toEqual(['am-delivery-7']);
  });
});
