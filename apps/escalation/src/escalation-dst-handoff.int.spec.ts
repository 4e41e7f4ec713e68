import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import { incidentStreamId } from '@incident/domain';
import {
  createEventStore,
  EVENT_STORE,
  type HashChainedEventStore,
  IncidentCommandHandler,
} from '@incident/event-store';
import { toIncidentEventMessage } from '@incident/messaging';
import { WebhookReceiver } from '@incident/notify/testing';
import { createPlatformContext, createServiceApp } from '@incident/platform';
import { testServiceConfig } from '@incident/platform/testing';
import {
  createTestDatabase,
  describeWithInfrastructure,
  eventually,
  kafkaBrokers,
  testKafka,
  type TestDatabase,
  uniqueName,
} from '@incident/testing';
import { connectEscalationEvents, EscalationModule } from './escalation.module';
import { applyTestDirectory } from './test-support/test-directory';

const WEBHOOK_SECRET = 'escalation-dst-webhook-secret-0123456789abcdef';
const system = { actor: { kind: 'system' as const, id: 'test' }, correlationId: 'test' };

/**
 * A daily 09:00 hand-off in Europe/Berlin across the night the clocks go back (2026-10-25, 03:00 CEST → 02:00
 * CET): ben's shift starts 2026-10-24 09:00 CEST (07:00 UTC) and lasts 25 hours, so cem takes over at 09:00 CET,
 * 08:00 UTC. A 24-hour step (or the summer offset kept) would hand over at 07:00 UTC.
 */
const directoryYaml = (url: (id: string) => string): string => `customers:
  - id: acme
    name: Acme
    subscriptions: [infrastructure]
    contacts: [{ name: Dana, email: dana@acme.example, approvesCostChanges: true }]
    approvalThresholdPerMonth: { amount: 200, currency: EUR }
    preApprovedHoursPerMonth: 10
teams:
  - id: infrastructure
    name: Infrastructure
    members: [ana, ben, cem]
people:
${['ana', 'ben', 'cem']
  .map((id) => `  - id: ${id}\n    name: ${id}\n    contactMethods:\n      - { kind: webhook, address: '${url(id)}' }`)
  .join('\n')}
services:
  - id: checkout-api
    customer: acme
    ownerTeam: infrastructure
    runbook: https://runbooks.example/checkout
    autoscale: { minSize: 1, maxSize: 4, maxMonthlyCostStep: { amount: 100, currency: EUR } }
schedules:
  - id: berlin-primary
    name: Berlin primary
    timeZone: Europe/Berlin
    layers:
      - name: daily
        rotationDays: 1
        handOffTime: '09:00'
        startsOn: '2026-10-20'
        members: [ana, ben, cem]
escalationPolicies:
  - id: infrastructure
    name: Infrastructure
    levels:
      - delayMinutes: 0
        targets: [{ kind: schedule, id: berlin-primary }]
    repeats: 0
sla:
  critical: { acknowledgeWithinMinutes: 5, resolveWithinMinutes: 240, customerUpdateEveryMinutes: 30 }
  high: { acknowledgeWithinMinutes: 15, resolveWithinMinutes: 480, customerUpdateEveryMinutes: 60 }
  medium: { acknowledgeWithinMinutes: 60, resolveWithinMinutes: 1440, customerUpdateEveryMinutes: 240 }
  low: { acknowledgeWithinMinutes: 240, resolveWithinMinutes: 4320, customerUpdateEveryMinutes: 1440 }
`;

describeWithInfrastructure(['postgres', 'kafka'], 'escalation: a schedule hand-off across a DST change', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let store: HashChainedEventStore;
  let commands: IncidentCommandHandler;
  let receiver: WebhookReceiver;
  let kafka: Kafka;
  let producer: Producer;
  const prefix = `${uniqueName('escalation_dst')}.`;

  beforeAll(async () => {
    database = await createTestDatabase('escalation_dst');
    receiver = await WebhookReceiver.start(WEBHOOK_SECRET);
    const config = testServiceConfig('escalation', {
      databaseUrl: database.url,
      kafkaBrokers: kafkaBrokers(),
      variables: { KAFKA_TOPIC_PREFIX: prefix, NOTIFY_WEBHOOK_SECRET: WEBHOOK_SECRET },
    });
    const setup = await createEventStore({ databaseUrl: database.url });
    await applyTestDirectory(
      setup,
      directoryYaml((id) => receiver.url(id)),
    );
    await setup.close();
    app = await createServiceApp(createPlatformContext(config), EscalationModule);
    connectEscalationEvents(app);
    await app.init();
    await app.startAllMicroservices();
    store = app.get<HashChainedEventStore>(EVENT_STORE);
    commands = app.get(IncidentCommandHandler);
    kafka = testKafka('escalation-dst-suite');
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await app?.close();
    await receiver?.close();
    await database?.drop();
  });

  /** An incident opened and triaged at `at` (event time: the engine asks who is on call at the level's due time). */
  async function triagedAt(at: string): Promise<string> {
    const incidentId = randomUUID();
    await commands.execute(
      {
        type: 'OpenIncident',
        data: {
          incidentId,
          dedupKey: incidentId,
          source: 'test',
          customerId: 'acme',
          service: 'checkout-api',
          title: 'Checkout API is down',
          drill: false,
          openedAt: at,
        },
      },
      system,
    );
    await commands.execute(
      {
        type: 'TriageIncident',
        data: {
          incidentId,
          severity: 'urgent',
          category: 'availability.downtime',
          owningTeam: 'infrastructure',
          ruleId: 'test',
          triagedAt: at,
        },
      },
      system,
    );
    const messages = (await store.readStream(incidentStreamId(incidentId))).map(toIncidentEventMessage);
    await producer.send({ topic: `${prefix}incident.events`, acks: -1, messages });
    return incidentId;
  }

  const pageEvents = async (incidentId: string) =>
    eventually('the page delivered', async () => {
      const events = await store.readStream(incidentStreamId(incidentId));
      return events.some((event) => event.type === 'PageDelivered')
        ? events
            .filter((event) => event.type === 'PageRequested' || event.type === 'PageDelivered')
            .map((event) => [event.type, (event.data as { target: string }).target])
        : undefined;
    });
  const pagesTo = (incidentId: string) =>
    receiver.received.filter((webhook) => webhook.payload.incidentId === incidentId).map((webhook) => webhook.path);

  it('pages ben at 08:30 CET (07:30 UTC), still his shift, where a 24-hour step would page cem', async () => {
    const incidentId = await triagedAt('2026-10-25T07:30:00.000Z');
    const events = await pageEvents(incidentId);
    expect(events).toEqual([
      ['PageRequested', 'ben'],
      ['PageDelivered', 'ben'],
    ]);
    expect(pagesTo(incidentId)).toEqual(['/ben']);
  });

  it('pages cem just after the 09:00 CET hand-off (08:05 UTC)', async () => {
    const incidentId = await triagedAt('2026-10-25T08:05:00.000Z');
    const events = await pageEvents(incidentId);
    expect(events).toEqual([
      ['PageRequested', 'cem'],
      ['PageDelivered', 'cem'],
    ]);
    expect(pagesTo(incidentId)).toEqual(['/cem']);
  });
});
