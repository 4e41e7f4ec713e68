import { listDeadLetters, TOPICS } from '@incident/messaging';
import { describeWithInfrastructure, testKafka } from '@incident/testing';
import type { Producer } from 'kafkajs';
import { fixture, startIntake, type IntakeTestApp } from '../test-support/intake-test-app';

const waitFor = async (check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

describeWithInfrastructure(['postgres', 'kafka'], 'intake: the alerts.inbound consumer', () => {
  let intake: IntakeTestApp;
  let producer: Producer;
  const kafka = testKafka('intake-inbound');

  beforeAll(async () => {
    intake = await startIntake('intake_inbound');
    producer = kafka.producer();
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await intake?.close();
  });

  it('appends valid records of each format and dead-letters invalid ones with the reason', async () => {
    const { key } = await intake.createIntegration({ customerId: 'initech' });
    const topic = `${intake.topicPrefix}${TOPICS.alertsInbound}`;
    const record = (format: string, value: unknown, withKey = true) => ({
      key: 'k',
      value: typeof value === 'string' ? value : JSON.stringify(value),
      headers: { format, ...(withKey ? { 'integration-key': key } : {}) },
    });
    const admin = kafka.admin();
    await admin.connect();
    await waitFor(async () => (await admin.listTopics()).includes(topic)).finally(() => admin.disconnect());
    await producer.send({
      topic,
      acks: -1,
      messages: [
        record('generic', fixture('generic-alert.json')),
        record('pagerduty', { ...fixture('pagerduty-trigger.json'), routing_key: key, dedup_key: 'via-kafka' }, false),
        record('ticket', fixture('ticket-urgent.json')),
        record('generic', '{not json'),
        record('carrier-pigeon', fixture('generic-alert.json')),
        record('generic', { ...fixture('generic-alert.json'), status: 'maybe' }),
        record('generic', fixture('generic-alert.json'), false),
      ],
    });
    await waitFor(async () => (await intake.events()).filter((e) => e.event_type === 'IncidentOpened').length >= 3);
    const dedupKeys = (await intake.events())
      .filter((e) => e.event_type === 'IncidentOpened')
      .map((e) => String(e.data['dedupKey']));
    expect(dedupKeys).toEqual(expect.arrayContaining(['initech/storefront/down', 'via-kafka']));

    const dlq = `${intake.topicPrefix}${TOPICS.deadLetters}`;
    let letters: Awaited<ReturnType<typeof listDeadLetters>> = [];
    await waitFor(async () => {
      letters = await listDeadLetters({ kafka, topic: dlq, limit: 10 });
      return letters.length >= 4;
    });
    expect(letters.map((letter) => letter.reason)).toEqual([
      'invalid-message',
      'invalid-message',
      'invalid-message',
      'permanent-error',
    ]);
    const errors = letters.map((letter) => letter.error ?? '').join('\n');
    expect(errors).toContain('not valid JSON');
    expect(errors).toContain('header "format"');
    expect(errors).toContain('status:');
    expect(errors).toContain('integration key is required');
  }, 60_000);
});
