import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import request from 'supertest';
import { type IncidentCommand, incidentStreamId } from '@incident/domain';
import {
  createEventStore,
  EVENT_STORE,
  type HashChainedEventStore,
  IncidentCommandHandler,
} from '@incident/event-store';
import { type IncidentEventConsumer, type IncidentEventsTransport, toIncidentEventMessage } from '@incident/messaging';
import { WebhookReceiver } from '@incident/notify/testing';
import { createPlatformContext, createServiceApp, mintToken, type Role } from '@incident/platform';
import { TEST_JWT_SECRET, testServiceConfig } from '@incident/platform/testing';
import { Scheduler } from '@incident/scheduler';
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
import { applyTestDirectory, testDirectoryYaml } from './test-support/test-directory';

const WEBHOOK_SECRET = 'escalation-int-webhook-secret-0123456789abcdef';
const system = { actor: { kind: 'system' as const, id: 'test' }, correlationId: 'test' };

describeWithInfrastructure(
  ['postgres', 'kafka'],
  'escalation: incident events in, pages, escalations and breaches out',
  () => {
    let database: TestDatabase;
    let app: INestApplication;
    let transport: IncidentEventsTransport;
    let store: HashChainedEventStore;
    let commands: IncidentCommandHandler;
    let receiver: WebhookReceiver;
    let kafka: Kafka;
    let producer: Producer;
    const prefix = `${uniqueName('escalation')}.`;
    const token = (roles: Role[]) =>
      `Bearer ${mintToken({ secret: TEST_JWT_SECRET, issuer: 'incident-platform' }, { subject: 'rita', roles, expiresIn: '5m' })}`;

    beforeAll(async () => {
      database = await createTestDatabase('escalation');
      receiver = await WebhookReceiver.start(WEBHOOK_SECRET);
      const variables = {
        KAFKA_TOPIC_PREFIX: prefix,
        KAFKA_PARTITIONS_INCIDENT_EVENTS: '3',
        NOTIFY_WEBHOOK_SECRET: WEBHOOK_SECRET,
      };
      const config = testServiceConfig('escalation', {
        databaseUrl: database.url,
        kafkaBrokers: kafkaBrokers(),
        variables,
      });
      const context = createPlatformContext(config);
      // The directory is in force before the app starts: the reader loads it at init.
      const setup = await createEventStore({ databaseUrl: database.url });
      const people = ['p1', 'p2', 'p3'].map((id) => ({
        id,
        contacts: [{ kind: 'webhook' as const, address: receiver.url(id) }],
      }));
      await applyTestDirectory(setup, testDirectoryYaml(people, { delaySeconds: 600, drillParticipants: ['p2'] }));
      await setup.close();
      app = await createServiceApp(context, EscalationModule);
      transport = connectEscalationEvents(app);
      await app.init();
      await app.startAllMicroservices();
      store = app.get<HashChainedEventStore>(EVENT_STORE);
      commands = app.get(IncidentCommandHandler);
      kafka = testKafka('escalation-suite');
      producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
    });

    afterAll(async () => {
      await producer?.disconnect();
      await app?.close();
      await receiver?.close();
      await database?.drop();
    });

    /** What the relay would do: publish the stream's events, here twice over. */
    async function publish(incidentId: string): Promise<void> {
      const messages = (await store.readStream(incidentStreamId(incidentId))).map(toIncidentEventMessage);
      await producer.send({ topic: `${prefix}incident.events`, acks: -1, messages: [...messages, ...messages] });
    }
    const caughtUp = () =>
      eventually('zero lag', async () => {
        const lag = await transport.unwrap<IncidentEventConsumer>().refreshLag();
        return lag?.every((partition) => partition.lag === 0) ? true : undefined;
      });
    const typesOf = async (incidentId: string) =>
      (await store.readStream(incidentStreamId(incidentId))).map((event) => event.type);
    const pagesTo = (incidentId: string) =>
      receiver.received.filter((webhook) => webhook.payload.incidentId === incidentId).map((webhook) => webhook.path);
    const timer = (key: string) => app.get<Scheduler>(Scheduler).get(key);

    async function triaged(
      facts: { drill?: boolean; openedAt?: string; maintenanceWindowId?: string; customerToldAt?: string } = {},
    ): Promise<string> {
      const incidentId = randomUUID();
      const openedAt = facts.openedAt ?? new Date().toISOString();
      const open: IncidentCommand = {
        type: 'OpenIncident',
        data: {
          incidentId,
          dedupKey: incidentId,
          source: 'test',
          customerId: 'acme',
          service: 'checkout-api',
          title: 'Checkout API is down',
          drill: facts.drill ?? false,
          openedAt,
        },
      };
      await commands.execute(open, system);
      if (facts.customerToldAt !== undefined) await tellCustomer(incidentId, facts.customerToldAt);
      await commands.execute(
        {
          type: 'TriageIncident',
          data: {
            incidentId,
            severity: 'urgent',
            category: 'availability.downtime',
            owningTeam: 'infrastructure',
            ruleId: 'test',
            ...(facts.maintenanceWindowId !== undefined && { maintenanceWindowId: facts.maintenanceWindowId }),
            triagedAt: new Date().toISOString(),
          },
        },
        system,
      );
      await publish(incidentId);
      return incidentId;
    }

    const tellCustomer = (incidentId: string, notifiedAt: string) =>
      commands.execute(
        {
          type: 'NotifyCustomer',
          data: { incidentId, channel: 'email', message: 'We are on it', notifiedBy: 'rita', notifiedAt },
        },
        system,
      );
    const postUpdate = (incidentId: string, audience: 'internal' | 'customer', postedAt: string) =>
      commands.execute(
        {
          type: 'PostStatusUpdate',
          data: { incidentId, audience, message: 'Still on it', postedBy: 'rita', postedAt },
        },
        system,
      );
    const updateClocks = async (incidentId: string) =>
      (await store.readStream(incidentStreamId(incidentId)))
        .filter((event) => event.type === 'SlaClockStarted')
        .map((event) => event.data as { sla: string; startedAt: string; dueAt: string })
        .filter((clock) => clock.sla === 'customer_update');

    it('pages level 1 once for a triaged incident, however often the event comes, and sets level 2 for later', async () => {
      const incidentId = await triaged();
      await eventually('the page delivered', async () =>
        (await typesOf(incidentId)).includes('PageDelivered') ? true : undefined,
      );
      await caughtUp();
      expect(pagesTo(incidentId)).toEqual(['/p1']);
      expect((await typesOf(incidentId)).filter((type) => type.startsWith('Page'))).toEqual([
        'PageRequested',
        'PageDelivered',
      ]);
      expect(await timer(`escalation-level:${incidentId}:0:2:0`)).toMatchObject({ status: 'pending' });
    });

    it('pages nobody for an incident inside a maintenance window', async () => {
      const incidentId = await triaged({ maintenanceWindowId: 'checkout-upgrade' });
      await caughtUp();
      expect(await timer(`escalation-level:${incidentId}:0:1:0`)).toBeUndefined();
      expect(pagesTo(incidentId)).toEqual([]);
    });

    it('pages only the drill participants of a drill, and runs no SLA clock for it', async () => {
      const incidentId = await triaged({ drill: true });
      await eventually('the drill page delivered', async () =>
        (await typesOf(incidentId)).includes('PageDelivered') ? true : undefined,
      );
      await caughtUp();
      expect(pagesTo(incidentId)).toEqual(['/p2']);
      expect(await typesOf(incidentId)).not.toContain('SlaClockStarted');
    });

    it('cancels the pending level when the incident is resolved', async () => {
      const incidentId = await triaged();
      await eventually('level 2 pending', async () => timer(`escalation-level:${incidentId}:0:2:0`));
      await commands.execute(
        {
          type: 'ResolveIncident',
          data: { incidentId, resolvedBy: 'rita', summary: 'restarted', resolvedAt: new Date().toISOString() },
        },
        system,
      );
      await publish(incidentId);
      const cancelled = await eventually('level 2 cancelled', async () => {
        const pending = await timer(`escalation-level:${incidentId}:0:2:0`);
        return pending?.status === 'cancelled' ? pending : undefined;
      });
      expect(cancelled.status).toBe('cancelled');
    });

    it('pages level 2 at once when a responder asks for help over HTTP', async () => {
      const incidentId = await triaged();
      await eventually('level 1 paged', async () => (pagesTo(incidentId).length > 0 ? true : undefined));
      const response = await request(app.getHttpServer())
        .post(`/v1/incidents/${incidentId}/escalate`)
        .set('Authorization', token(['responder']))
        .send({ reason: 'need a database expert' })
        .expect(200);
      expect(response.body).toEqual({ events: ['IncidentEscalated'] });
      await publish(incidentId);
      await eventually('level 2 paged', async () => (pagesTo(incidentId).includes('/p2') ? true : undefined));
      const escalated = (await store.readStream(incidentStreamId(incidentId))).find(
        (event) => event.type === 'IncidentEscalated',
      );
      expect(escalated).toMatchObject({
        data: {
          reason: 'asked_for_help',
          fromLevel: 1,
          toLevel: 2,
          requestedBy: 'rita',
          note: 'need a database expert',
        },
      });
      expect(await timer(`escalation-level:${incidentId}:0:2:0`)).toMatchObject({ status: 'cancelled' });
    });

    it('answers 400 naming the field, 404 for an incident never opened, 403 to an auditor, 409 naming the status', async () => {
      const incidentId = await triaged();
      const post = (id: string, action: string, roles: Role[], body: object = {}) =>
        request(app.getHttpServer())
          .post(`/v1/incidents/${id}/${action}`)
          .set('Authorization', token(roles))
          .send(body);
      const invalid = await post(incidentId, 'escalate', ['responder'], {}).expect(400);
      expect(JSON.stringify(invalid.body)).toMatch(/reason/);
      await post(randomUUID(), 'acknowledge', ['responder']).expect(404);
      await post(incidentId, 'acknowledge', ['auditor']).expect(403);
      await post(incidentId, 'acknowledge', ['responder']).expect(200);
      const twice = await post(incidentId, 'acknowledge', ['responder']).expect(409);
      expect(JSON.stringify(twice.body)).toMatch(/acknowledged/);
      const reassigned = await post(incidentId, 'reassign', ['responder'], {
        assigneeKind: 'person',
        assignee: 'p3',
        reason: 'p3 knows this service',
      }).expect(200);
      expect(reassigned.body).toEqual({ events: ['IncidentReassigned'] });
    });

    it('records an SLA breach when the acknowledgement clock runs out, caused by its timer', async () => {
      // Opened 30 minutes ago, urgent: the 5-minute acknowledgement target has passed.
      const incidentId = await triaged({ openedAt: new Date(Date.now() - 30 * 60_000).toISOString() });
      const breach = await eventually('the breach', async () =>
        (await store.readStream(incidentStreamId(incidentId))).find(
          (event) => event.type === 'SlaBreached' && (event.data as { sla: string }).sla === 'acknowledgement',
        ),
      );
      expect(breach).toMatchObject({
        data: { sla: 'acknowledgement', targetMinutes: 5 },
        metadata: { causationId: `sla:${incidentId}:0:acknowledgement` },
      });
      const started = (await store.readStream(incidentStreamId(incidentId))).filter(
        (event) => event.type === 'SlaClockStarted',
      );
      expect(started.map((event) => event.data)).toMatchObject([
        { sla: 'acknowledgement', targetMinutes: 5 },
        { sla: 'resolution', targetMinutes: 240 },
        { sla: 'customer_update', targetMinutes: 30 },
      ]);
    });

    it('starts the clock between customer updates again at an update the customer sees, not at an internal one', async () => {
      const openedAt = new Date(Date.now() - 10 * 60_000).toISOString();
      const incidentId = await triaged({ openedAt });
      const key = `sla:${incidentId}:0:customer_update`;
      const first = await eventually('the update clock set', async () => timer(key));
      expect(first.dueAt.toISOString()).toBe(new Date(Date.parse(openedAt) + 30 * 60_000).toISOString());
      const postedAt = new Date().toISOString();
      await postUpdate(incidentId, 'internal', new Date(Date.now() - 60_000).toISOString());
      await postUpdate(incidentId, 'customer', postedAt);
      await publish(incidentId);
      const dueAt = new Date(Date.parse(postedAt) + 30 * 60_000).toISOString();
      const moved = await eventually('the update clock moved', async () => {
        const pending = await timer(key);
        return pending?.dueAt.toISOString() === dueAt ? pending : undefined;
      });
      await caughtUp();
      expect(moved.status).toBe('pending');
      expect((await updateClocks(incidentId)).map(({ startedAt, dueAt: due }) => [startedAt, due])).toEqual([
        [openedAt, first.dueAt.toISOString()],
        [postedAt, dueAt],
      ]);
    });

    it('records a breach of the update clock through its timer when the customer was last told too long ago', async () => {
      // Told 45 minutes ago, before triage: the 30-minute update clock ran from then and ran out 15 minutes ago.
      const customerToldAt = new Date(Date.now() - 45 * 60_000).toISOString();
      const incidentId = await triaged({ openedAt: new Date(Date.now() - 60 * 60_000).toISOString(), customerToldAt });
      const breach = await eventually('the update breach', async () =>
        (await store.readStream(incidentStreamId(incidentId))).find(
          (event) => event.type === 'SlaBreached' && (event.data as { sla: string }).sla === 'customer_update',
        ),
      );
      expect(breach).toMatchObject({
        data: {
          sla: 'customer_update',
          targetMinutes: 30,
          breachedAt: new Date(Date.parse(customerToldAt) + 30 * 60_000).toISOString(),
        },
        metadata: { causationId: `sla:${incidentId}:0:customer_update` },
      });
    });

    it('stops the clock between customer updates when the incident is resolved, and runs none for a drill', async () => {
      const incidentId = await triaged();
      const key = `sla:${incidentId}:0:customer_update`;
      await eventually('the update clock set', async () => timer(key));
      await commands.execute(
        {
          type: 'ResolveIncident',
          data: { incidentId, resolvedBy: 'rita', summary: 'restarted', resolvedAt: new Date().toISOString() },
        },
        system,
      );
      await publish(incidentId);
      const stopped = await eventually('the update clock cancelled', async () => {
        const pending = await timer(key);
        return pending?.status === 'cancelled' ? pending : undefined;
      });
      expect(stopped.status).toBe('cancelled');
      const drill = await triaged({ drill: true });
      await caughtUp();
      expect(await timer(`sla:${drill}:0:customer_update`)).toBeUndefined();
    });
  },
);
