import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Partitioners, type Producer } from 'kafkajs';
import request from 'supertest';
import { DirectoryVersions } from '@incident/directory';
import { type IncidentEvent, incidentStreamId } from '@incident/domain';
import { EVENT_STORE, type HashChainedEventStore, IncidentCommandHandler } from '@incident/event-store';
import { SmtpReceiver, WebhookReceiver } from '@incident/notify/testing';
import { createPlatformContext, createServiceApp, mintToken } from '@incident/platform';
import { TEST_JWT_SECRET, testServiceConfig } from '@incident/platform/testing';
import {
  BuiltServiceProcess,
  createTestDatabase,
  describeWithInfrastructure,
  eventually,
  kafkaBrokers,
  testKafka,
  type TestDatabase,
  uniqueName,
} from '@incident/testing';
import { connectRemediationEvents, RemediationModule } from './remediation.module';
import { cadenceDirectory } from './test-support/cadence-directory';
import { StreamRelay } from './test-support/stream-relay';

const WEBHOOK_SECRET = 'remediation-cadence-webhook-secret-0123456';
type Recorded = IncidentEvent & { id: string; metadata: { actor: { id: string }; causationId: string | null } };

/**
 * The communication cadence with the real escalation service beside remediation: escalation runs the
 * `customer_update` SLA clock (one minute for `high` here) and records its breach; remediation reminds the
 * assignee before it runs out, and delivers customer updates to the availability subscribers.
 */
describeWithInfrastructure(['postgres', 'kafka'], 'remediation: the customer update cadence', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let store: HashChainedEventStore;
  let producer: Producer;
  let relay: StreamRelay;
  let smtp: SmtpReceiver;
  let webhooks: WebhookReceiver;
  let escalation: BuiltServiceProcess;
  const prefix = `${uniqueName('remediation-cadence')}.`;

  beforeAll(async () => {
    database = await createTestDatabase('remediation_cadence');
    smtp = await SmtpReceiver.start();
    webhooks = await WebhookReceiver.start(WEBHOOK_SECRET);
    const variables = {
      KAFKA_TOPIC_PREFIX: prefix,
      NOTIFY_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      NOTIFY_WEBHOOK_SECRET: WEBHOOK_SECRET,
    };
    const config = testServiceConfig('remediation', {
      databaseUrl: database.url,
      kafkaBrokers: kafkaBrokers(),
      variables,
    });
    app = await createServiceApp(createPlatformContext(config), RemediationModule);
    connectRemediationEvents(app);
    await app.init();
    await app.startAllMicroservices();
    store = app.get<HashChainedEventStore>(EVENT_STORE);
    const applied = {
      actor: { kind: 'user' as const, id: 'ops' },
      correlationId: randomUUID(),
      occurredAt: new Date().toISOString(),
    };
    await new DirectoryVersions(store).apply(cadenceDirectory(webhooks.url('status')), 'directory.yaml', applied);
    escalation = await BuiltServiceProcess.launch('escalation', {
      ...variables,
      DATABASE_URL: database.url,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
    });
    await eventually('escalation ready', async () => {
      if (!escalation.running) throw new Error(`escalation exited:\n${escalation.logs()}`);
      const status = await fetch(`http://127.0.0.1:${escalation.port}/health/ready`).then(
        (r) => r.status,
        () => 0,
      );
      return status === 200 ? true : undefined;
    });
    producer = testKafka('remediation-cadence').producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    relay = new StreamRelay(store, producer, `${prefix}incident.events`).start();
  }, 180_000);
  afterAll(async () => {
    await escalation?.kill();
    await relay?.stop();
    await producer?.disconnect();
    await app?.close();
    await smtp?.close();
    await webhooks?.close();
    await database?.drop();
  });

  const history = async (incidentId: string) =>
    (await store.readStream(incidentStreamId(incidentId))) as unknown as Recorded[];

  /** A `high` Acme incident, triaged (escalation starts its clocks) and acknowledged by `assignee`. */
  async function acknowledged(assignee: string, drill = false): Promise<string> {
    const incidentId = randomUUID();
    const commands = app.get(IncidentCommandHandler);
    const context = { actor: { kind: 'integration' as const, id: 'alertmanager' }, correlationId: randomUUID() };
    const now = () => new Date().toISOString();
    await commands.execute(
      {
        type: 'OpenIncident',
        data: {
          incidentId,
          dedupKey: `acme-api/${incidentId}`,
          source: 'alertmanager',
          customerId: 'acme',
          service: 'acme-api',
          title: 'acme-api: checkout is failing',
          drill,
          openedAt: now(),
        },
      },
      context,
    );
    await commands.execute(
      {
        type: 'TriageIncident',
        data: {
          incidentId,
          severity: 'high',
          category: 'availability.downtime',
          owningTeam: 'customer-success',
          ruleId: 'test-rule',
          triagedAt: now(),
        },
      },
      context,
    );
    await commands.execute(
      { type: 'AcknowledgeIncident', data: { incidentId, responderId: assignee, acknowledgedAt: now() } },
      context,
    );
    relay.follow(incidentId);
    return incidentId;
  }

  it('the customer update cadence reminds and then records a breach', async () => {
    const incidentId = await acknowledged('bob');

    const breached = await eventually(
      'the customer-update breach',
      async () => (await history(incidentId)).find((event) => event.type === 'SlaBreached'),
      { timeoutMs: 180_000 },
    );
    const events = await history(incidentId);
    const started = events.find((event) => event.type === 'SlaClockStarted' && event.data.sla === 'customer_update');
    const reminder = events.find(
      (event) => event.type === 'StatusUpdatePosted' && event.data.postedBy === 'remediation',
    );
    const mail = smtp.received.find(
      (candidate) => candidate.to.includes('bob@ops.example') && candidate.raw.includes('Customer update due'),
    );

    expect(started?.metadata.actor.id).toBe('escalation');
    expect(reminder?.data).toMatchObject({
      audience: 'internal',
      message: `The next customer update is due by ${started?.type === 'SlaClockStarted' ? started.data.dueAt : '?'}: reminded bob (email).`,
    });
    expect(events.findIndex((event) => event.id === reminder?.id)).toBeLessThan(
      events.findIndex((event) => event.id === breached.id),
    );
    expect(mail?.raw).toContain(incidentId);
    // Escalation records the breach, once; remediation records none of its own.
    expect(breached.data).toMatchObject({ sla: 'customer_update', targetMinutes: 1 });
    expect(breached.metadata.actor.id).toBe('escalation');
    expect(events.filter((event) => event.type === 'SlaBreached')).toHaveLength(1);
  }, 240_000);

  it('a customer update reaches the contacts and availability subscribers by e-mail and webhook; a drill, nobody', async () => {
    const drill = await acknowledged('carol', true);
    const real = await acknowledged('carol');
    const responder = `Bearer ${mintToken({ secret: TEST_JWT_SECRET, issuer: 'incident-platform' }, { subject: 'carol', roles: ['responder'], expiresIn: '5m' })}`;
    const update = (incidentId: string, message: string) =>
      request(app.getHttpServer())
        .post(`/v1/incidents/${incidentId}/status-updates`)
        .set('Authorization', responder)
        .send({ audience: 'customer', message })
        .expect(200);

    await update(drill, 'Drill: checkout restored.');
    await update(real, 'Checkout is failing for some customers; we are restarting the payment workers.');
    const posted = await eventually('the status-page webhook', async () =>
      webhooks.received.find((webhook) => webhook.path === '/status' && webhook.payload.incidentId === real),
    );
    const mails = await eventually('mails to the contacts and the subscriber', async () => {
      const found = smtp.received.filter(
        (mail) => mail.raw.includes('Subject: Update: acme-api') && mail.raw.includes('restarting'),
      );
      return found.length === 3 ? found : undefined;
    });

    expect(posted).toMatchObject({
      signature: 'valid',
      payload: { kind: 'notice', text: expect.stringContaining('restarting') },
    });
    expect(mails.flatMap((mail) => mail.to).sort()).toEqual([
      'dana.whitfield@acme.example',
      'ops@acme.example',
      'raj.patel@acme.example',
    ]);
    expect(smtp.received.filter((mail) => mail.raw.includes('Drill: checkout'))).toEqual([]);
    expect(webhooks.received.filter((webhook) => webhook.payload.incidentId === drill)).toEqual([]);
  });
});
