import { PagerDutyChannel, type NotificationMessage } from '@incident/notify';
import { describeWithInfrastructure } from '@incident/testing';
import { startIntake, type IntakeTestApp } from '../test-support/intake-test-app';

/**
 * The notify library's outbound PagerDuty Events v2 channel, tested against a real peer that speaks the API:
 * our own intake's /v2/enqueue. The idempotency key travels as dedup_key, so a re-delivered page folds into
 * the incident the first one opened.
 */
describeWithInfrastructure(['postgres', 'kafka'], 'PagerDutyChannel against the intake /v2/enqueue', () => {
  let intake: IntakeTestApp;
  let channel: PagerDutyChannel;
  let routingKey: string;

  beforeAll(async () => {
    intake = await startIntake('notify_pagerduty', { INTAKE_RATE_LIMIT_PER_MINUTE: '100000' });
    channel = new PagerDutyChannel({ eventsUrl: intake.url.replace('[::1]', '127.0.0.1'), source: 'escalation' });
    ({ key: routingKey } = await intake.createIntegration({ source: 'escalation' }));
  });
  afterAll(async () => {
    await intake?.close();
  });

  const page = (address: string): NotificationMessage => ({
    kind: 'page',
    subject: 'checkout is down (level 2)',
    text: 'Nobody acknowledged level 1.',
    links: [{ action: 'acknowledge', label: 'Acknowledge', url: 'https://esc.example/v1/links/v1.a.b' }],
    recipient: { id: 'bob', contact: { kind: 'pagerduty', address } },
    incidentId: 'incident-7',
    severity: 'urgent',
    details: { level: 2, service: 'checkout' },
  });
  const opened = async (dedupKey: string) =>
    (await intake.events()).filter((e) => e.event_type === 'IncidentOpened' && e.data['dedupKey'] === dedupKey);

  it('triggers with dedup_key = the idempotency key, and the receiver answers with it', async () => {
    const outcome = await channel.deliver(page(routingKey), { idempotencyKey: 'page-incident-7-2-1-bob' });
    expect(outcome).toEqual({
      status: 'delivered',
      channel: 'pagerduty',
      contact: { kind: 'pagerduty', address: routingKey },
      idempotencyKey: 'page-incident-7-2-1-bob',
      receipt: { code: 202, reference: 'page-incident-7-2-1-bob', response: expect.stringContaining('success') },
    });
    const [incident] = await opened('page-incident-7-2-1-bob');
    expect(incident?.data).toMatchObject({ title: 'checkout is down (level 2)', severity: 'urgent' });
  });

  it('re-delivered with the same key, the receiver keeps one incident', async () => {
    const key = 'page-incident-8-1-1-bob';
    const outcomes = await Promise.all([1, 2, 3].map(() => channel.deliver(page(routingKey), { idempotencyKey: key })));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(await opened(key)).toHaveLength(1);
  });

  it('an unknown routing key is refused by the receiver, and not retried', async () => {
    const outcome = await channel.deliver(page('no-such-integration-key'), { idempotencyKey: 'k' });
    expect(outcome).toMatchObject({ status: 'failed', retryable: false, channel: 'pagerduty' });
  });
});
