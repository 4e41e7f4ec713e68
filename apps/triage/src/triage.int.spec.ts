import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import request from 'supertest';
import { incidentStreamId, type OpenIncident } from '@incident/domain';
import { EVENT_STORE, type HashChainedEventStore, IncidentCommandHandler } from '@incident/event-store';
import { type IncidentEventConsumer, type IncidentEventsTransport, toIncidentEventMessage } from '@incident/messaging';
import { createPlatformContext, createServiceApp, mintToken } from '@incident/platform';
import { Scheduler } from '@incident/scheduler';
import { TEST_JWT_SECRET, testServiceConfig } from '@incident/platform/testing';
import {
  createTestDatabase,
  describeWithInfrastructure,
  eventually,
  kafkaBrokers,
  testKafka,
  type TestDatabase,
  uniqueName,
} from '@incident/testing';
import { connectTriageEvents, TriageModule } from './triage.module';

const OPENED_AT = '2026-11-22T04:00:00.000Z';

const open = (incidentId: string, facts: Partial<OpenIncident['data']>): OpenIncident => ({
  type: 'OpenIncident',
  data: {
    incidentId,
    dedupKey: `checkout-api/${incidentId}`,
    source: 'alertmanager',
    customerId: 'acme',
    service: 'checkout-api',
    title: 'Checkout API is down',
    openedAt: OPENED_AT,
    ...facts,
  },
});

describeWithInfrastructure(['postgres', 'kafka'], 'triage: incident events in, commands out', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let transport: IncidentEventsTransport;
  let store: HashChainedEventStore;
  let kafka: Kafka;
  let producer: Producer;
  const prefix = `${uniqueName('triage')}.`;
  const token = (roles: ('responder' | 'auditor')[]) =>
    `Bearer ${mintToken({ secret: TEST_JWT_SECRET, issuer: 'incident-platform' }, { subject: 'alice', roles, expiresIn: '5m' })}`;

  beforeAll(async () => {
    database = await createTestDatabase('triage');
    const variables = { KAFKA_TOPIC_PREFIX: prefix, KAFKA_PARTITIONS_INCIDENT_EVENTS: '3' };
    const config = testServiceConfig('triage', { databaseUrl: database.url, kafkaBrokers: kafkaBrokers(), variables });
    app = await createServiceApp(createPlatformContext(config), TriageModule);
    // As main.ts does it (bootstrapService with `connect`): the transport creates the prefixed topics.
    transport = connectTriageEvents(app);
    await app.init();
    await app.startAllMicroservices();
    store = app.get<HashChainedEventStore>(EVENT_STORE);
    kafka = testKafka('triage-suite');
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await app?.close();
    await database?.drop();
  });

  /** What the relay would do: publish the stream's events to incident.events, here twice over. */
  async function publishTwice(incidentId: string): Promise<void> {
    const messages = (await store.readStream(incidentStreamId(incidentId))).map(toIncidentEventMessage);
    await producer.send({ topic: `${prefix}incident.events`, acks: -1, messages: [...messages, ...messages] });
  }

  const scheduler = () => app.get<Scheduler<{ incidentId: string }>>(Scheduler);
  const openedNow = new Date().toISOString();

  const typesOf = async (incidentId: string) =>
    (await store.readStream(incidentStreamId(incidentId))).map((event) => event.type);

  describe('given incidents opened with and without a severity, each record delivered twice', () => {
    const known = randomUUID();
    const unknownSeverity = randomUUID();
    const triagedByAPerson = randomUUID();

    it('triages the one the rules can decide, once, caused by its IncidentOpened, and no other', async () => {
      const commands = app.get(IncidentCommandHandler);
      const context = { actor: { kind: 'integration' as const, id: 'alertmanager' }, correlationId: randomUUID() };
      await commands.execute(open(known, { severity: 'urgent', category: 'availability.downtime' }), context);
      // Opened just now: its triage deadline is 15 minutes away.
      await commands.execute(
        open(unknownSeverity, { category: 'availability.downtime', openedAt: openedNow }),
        context,
      );
      // Triaged by a person before triage got to its IncidentOpened (lag, or a new replica catching up).
      await commands.execute(open(triagedByAPerson, { severity: 'low', category: 'defect.bug' }), context);
      await commands.execute(
        {
          type: 'TriageIncident',
          data: {
            incidentId: triagedByAPerson,
            severity: 'high',
            category: 'defect.bug',
            owningTeam: 'application-support',
            ruleId: 'manual:bob',
            triagedAt: OPENED_AT,
          },
        },
        { actor: { kind: 'user', id: 'bob' }, correlationId: randomUUID() },
      );
      await publishTwice(known);
      await publishTwice(unknownSeverity);
      await publishTwice(triagedByAPerson);

      await eventually('the automatic triage', async () =>
        (await typesOf(known)).includes('IncidentTriaged') ? true : undefined,
      );
      // Every record (duplicates included) consumed and committed: nothing more is coming.
      await eventually('zero lag', async () => {
        const lag = await transport.unwrap<IncidentEventConsumer>().refreshLag();
        return lag?.every((partition) => partition.lag === 0) ? true : undefined;
      });

      const [opened, triaged, ...more] = await store.readStream(incidentStreamId(known));
      expect(more).toEqual([]);
      expect(triaged).toMatchObject({
        type: 'IncidentTriaged',
        data: { severity: 'urgent', owningTeam: 'infrastructure', ruleId: 'triage.owning-team.v1' },
        metadata: { actor: { kind: 'system', id: 'triage' }, causationId: opened!.id },
      });
      expect(await typesOf(unknownSeverity)).toEqual(['IncidentOpened']);
      const deadline = await scheduler().get(`triage-deadline:${unknownSeverity}`);
      expect(deadline).toMatchObject({ status: 'pending', payload: { incidentId: unknownSeverity } });
      expect(deadline!.dueAt.toISOString()).toBe(new Date(Date.parse(openedNow) + 15 * 60_000).toISOString());
      // The person's triage stands: no IncidentReclassified behind it.
      expect(await typesOf(triagedByAPerson)).toEqual(['IncidentOpened', 'IncidentTriaged']);
    });

    it('lets a responder triage the one it left, over HTTP', async () => {
      const response = await request(app.getHttpServer())
        .post(`/v1/incidents/${unknownSeverity}/triage`)
        .set('Authorization', token(['responder']))
        .send({ severity: 'high', category: 'availability.downtime', owningTeam: 'infrastructure' })
        .expect(200);
      expect(response.body).toEqual({ events: ['IncidentTriaged'], duplicate: false });
      const [, triaged] = await store.readStream(incidentStreamId(unknownSeverity));
      expect(triaged).toMatchObject({
        data: { severity: 'high', ruleId: 'manual:alice' },
        metadata: { actor: { kind: 'user', id: 'alice' } },
      });
      // Its IncidentTriaged, once relayed, cancels the deadline.
      await publishTwice(unknownSeverity);
      const cancelled = await eventually('the deadline cancelled', async () => {
        const timer = await scheduler().get(`triage-deadline:${unknownSeverity}`);
        return timer?.status === 'cancelled' ? timer : undefined;
      });
      expect(cancelled.status).toBe('cancelled');
    });

    it('escalates an incident nobody triaged by its deadline, once, caused by the timer', async () => {
      const overdue = randomUUID();
      const commands = app.get(IncidentCommandHandler);
      const openedAnHourAgo = new Date(Date.now() - 60 * 60_000).toISOString();
      await commands.execute(open(overdue, { category: 'defect.bug', openedAt: openedAnHourAgo }), {
        actor: { kind: 'integration', id: 'alertmanager' },
        correlationId: randomUUID(),
      });
      await publishTwice(overdue);

      const key = `triage-deadline:${overdue}`;
      await eventually('the deadline fired', async () => {
        const timer = await scheduler().get(key);
        return timer?.status === 'fired' ? timer : undefined;
      });
      const [, escalated, ...more] = await store.readStream(incidentStreamId(overdue));
      expect(more).toEqual([]);
      expect(escalated).toMatchObject({
        type: 'IncidentEscalated',
        data: { reason: 'timeout', fromLevel: 1, toLevel: 2, note: 'not triaged within 15 minutes' },
        metadata: { actor: { kind: 'system', id: 'triage' }, causationId: key },
      });
      expect(escalated!.data).toMatchObject({
        escalatedAt: new Date(Date.parse(openedAnHourAgo) + 15 * 60_000).toISOString(),
      });
    });

    it('answers 400 naming the field, 404 for an incident never opened, 403 to an auditor', async () => {
      const post = (incidentId: string, roles: ('responder' | 'auditor')[], body: object) =>
        request(app.getHttpServer())
          .post(`/v1/incidents/${incidentId}/triage`)
          .set('Authorization', token(roles))
          .send(body);
      const valid = { severity: 'high', category: 'defect.bug', owningTeam: 'application-support' };
      const invalid = await post(known, ['responder'], { ...valid, severity: 'catastrophic' }).expect(400);
      expect(JSON.stringify(invalid.body)).toMatch(/severity/);
      await post(randomUUID(), ['responder'], valid).expect(404);
      await post(known, ['auditor'], valid).expect(403);
      expect(await typesOf(known)).toEqual(['IncidentOpened', 'IncidentTriaged']);
    });
  });
});
