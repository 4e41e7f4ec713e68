import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import request from 'supertest';
import { DirectoryReader, DirectoryVersions, TriageRuleVersions } from '@incident/directory';
import { type IncidentCommand, incidentStreamId, type OpenIncident } from '@incident/domain';
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
import { TriageRuleSetSource } from './triage-rule-set.source';
import { connectTriageEvents, TriageModule } from './triage.module';

const OPENED_AT = '2026-11-22T04:00:00.000Z';
const config = (name: string) => readFileSync(join(__dirname, '../../../config', name), 'utf8');
// The example, except that an infrastructure problem without a severity is left for a person (the deadline).
const RULES = config('triage-rules.example.yaml')
  .replace(
    '      severityIfMissing: high\n      team: customer-success\n      reason: cloud',
    '      team: customer-success\n      reason: cloud',
  )
  .replace(
    '      severityIfMissing: normal\n      categoryIfMissing: defect.bug',
    '      categoryIfMissing: defect.bug',
  );

const open = (incidentId: string, facts: Partial<OpenIncident['data']>): OpenIncident => ({
  type: 'OpenIncident',
  data: {
    incidentId,
    dedupKey: `acme-api/${incidentId}`,
    source: 'alertmanager',
    customerId: 'acme',
    service: 'acme-api',
    title: 'Acme API is down',
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
  let rulesAppliedAt: string;
  const prefix = `${uniqueName('triage')}.`;
  const token = (roles: ('responder' | 'auditor')[]) =>
    `Bearer ${mintToken({ secret: TEST_JWT_SECRET, issuer: 'incident-platform' }, { subject: 'alice', roles, expiresIn: '5m' })}`;
  const system = { actor: { kind: 'integration' as const, id: 'alertmanager' }, correlationId: randomUUID() };
  const person = (id: string) => ({ actor: { kind: 'user' as const, id }, correlationId: randomUUID() });

  beforeAll(async () => {
    database = await createTestDatabase('triage');
    const variables = { KAFKA_TOPIC_PREFIX: prefix, KAFKA_PARTITIONS_INCIDENT_EVENTS: '3' };
    const platform = testServiceConfig('triage', {
      databaseUrl: database.url,
      kafkaBrokers: kafkaBrokers(),
      variables,
    });
    app = await createServiceApp(createPlatformContext(platform), TriageModule);
    // As main.ts does it (bootstrapService with `connect`): the transport creates the prefixed topics.
    transport = connectTriageEvents(app);
    await app.init();
    store = app.get<HashChainedEventStore>(EVENT_STORE);
    const applied = {
      actor: { kind: 'user' as const, id: 'lead' },
      correlationId: randomUUID(),
      occurredAt: OPENED_AT,
    };
    await new DirectoryVersions(store).apply(config('directory.example.yaml'), 'directory.example.yaml', applied);
    await new TriageRuleVersions(store).apply(RULES, 'triage-rules.yaml', applied);
    rulesAppliedAt = new Date().toISOString();
    // Rather than wait for the next poll.
    await app.get(DirectoryReader).refresh();
    await app.get(TriageRuleSetSource).refresh();
    await app.startAllMicroservices();
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
  const zeroLag = () =>
    eventually('zero lag', async () => {
      const lag = await transport.unwrap<IncidentEventConsumer>().refreshLag();
      return lag?.every((partition) => partition.lag === 0) ? true : undefined;
    });
  const execute = (command: IncidentCommand, context: Parameters<IncidentCommandHandler['execute']>[1] = system) =>
    app.get(IncidentCommandHandler).execute(command, context);
  const scheduler = () => app.get<Scheduler<{ incidentId: string }>>(Scheduler);
  const openedNow = new Date().toISOString();
  const typesOf = async (incidentId: string) =>
    (await store.readStream(incidentStreamId(incidentId))).map((event) => event.type);
  const streamOf = (incidentId: string) => store.readStream(incidentStreamId(incidentId));
  const http = () => request(app.getHttpServer());

  describe('given incidents the rules decide, leave for a person, or a person decided, each record delivered twice', () => {
    const known = randomUUID();
    const returned = randomUUID();
    const unknownSeverity = randomUUID();
    const triagedByAPerson = randomUUID();

    it('triages each the rules decide once, caused by its IncidentOpened, recording rule, version and reasons', async () => {
      await execute(open(known, { severity: 'urgent', category: 'availability.downtime' }));
      await execute(open(returned, { severity: 'high', category: 'errors.high_rate', title: 'Checkout 500s' }));
      // Opened just now: its triage deadline is 15 minutes away.
      await execute(open(unknownSeverity, { category: 'availability.downtime', openedAt: openedNow }));
      // Triaged by a person before triage got to its IncidentOpened (lag, or a new replica catching up).
      await execute(open(triagedByAPerson, { severity: 'low', category: 'defect.bug' }));
      await execute(
        {
          type: 'TriageIncident',
          data: {
            incidentId: triagedByAPerson,
            severity: 'high',
            category: 'defect.bug',
            owningTeam: 'app-support',
            ruleId: 'manual:bob',
            reasons: ['the customer called'],
            triagedAt: OPENED_AT,
          },
        },
        person('bob'),
      );
      for (const incidentId of [known, returned, unknownSeverity, triagedByAPerson]) await publishTwice(incidentId);

      await eventually('the automatic triage', async () =>
        (await typesOf(returned)).includes('CustomerNotified') ? true : undefined,
      );
      await zeroLag();

      const [opened, triaged, ...more] = await streamOf(known);
      expect(more).toEqual([]);
      expect(triaged).toMatchObject({
        type: 'IncidentTriaged',
        data: {
          severity: 'urgent',
          owningTeam: 'customer-success',
          ruleId: 'infrastructure',
          ruleSetVersion: 1,
          reasons: [
            'cloud infrastructure problem — infrastructure / customer success',
            'category is availability.downtime',
          ],
          maintenanceWindowId: null,
          flags: [],
        },
        metadata: { actor: { kind: 'system', id: 'triage' }, causationId: opened!.id },
      });
      expect(await typesOf(unknownSeverity)).toEqual(['IncidentOpened']);
      const deadline = await scheduler().get(`triage-deadline:${unknownSeverity}`);
      expect(deadline).toMatchObject({ status: 'pending', payload: { incidentId: unknownSeverity } });
      expect(deadline!.dueAt.toISOString()).toBe(new Date(Date.parse(openedNow) + 15 * 60_000).toISOString());
      // The person's triage stands: no IncidentReclassified behind it.
      expect(await typesOf(triagedByAPerson)).toEqual(['IncidentOpened', 'IncidentTriaged']);
    });

    it('returns an application problem of a customer without application support, downgraded, and tells them', async () => {
      const [opened, ...decided] = await streamOf(returned);
      expect(decided.map((event) => [event.type, event.metadata.causationId])).toEqual([
        ['IncidentTriaged', opened!.id],
        ['IncidentReturnedToCustomer', opened!.id],
        ['CustomerNotified', opened!.id],
      ]);
      expect(decided[1]!.data).toMatchObject({ previousSeverity: 'high', downgradedTo: 'normal' });
      expect(decided[2]!.data).toMatchObject({
        channel: 'email',
        message: expect.stringContaining('"Checkout 500s" on acme-api is an application problem'),
      });
    });

    it('keeps a person’s classification when the incident reopens', async () => {
      await execute(
        {
          type: 'ResolveIncident',
          data: {
            incidentId: triagedByAPerson,
            resolvedBy: 'bob',
            summary: 'fixed',
            resolvedAt: '2026-11-22T05:00:00.000Z',
          },
        },
        person('bob'),
      );
      await execute({
        type: 'ReopenIncident',
        data: { incidentId: triagedByAPerson, reopenWindowMinutes: 60, reopenedAt: '2026-11-22T05:10:00.000Z' },
      });
      await publishTwice(triagedByAPerson);
      const triaged = await eventually('the reopened incident triaged', async () => {
        const events = await streamOf(triagedByAPerson);
        return events.at(-1)?.type === 'IncidentTriaged' ? events.at(-1) : undefined;
      });
      await zeroLag();
      expect(triaged.data).toMatchObject({
        owningTeam: 'app-support',
        ruleId: 'manual:bob',
        ruleSetVersion: null,
        reasons: ['reopened: kept the classification of bob'],
      });
      expect((await typesOf(triagedByAPerson)).filter((type) => type === 'IncidentTriaged')).toHaveLength(2);
    });

    it('never overwrites a person’s reclassification when the IncidentOpened is delivered again', async () => {
      const reclassified = randomUUID();
      await execute(
        open(reclassified, { severity: 'high', category: 'errors.high_rate', labels: { workflow: 'test' } }),
      );
      await publishTwice(reclassified);
      await eventually('the automatic triage', async () =>
        (await typesOf(reclassified)).includes('IncidentMarkedNoAction') ? true : undefined,
      );
      await execute(
        { type: 'ReopenIncident', data: { incidentId: reclassified, reopenWindowMinutes: 60, reopenedAt: OPENED_AT } },
        person('acme'),
      );
      await http()
        .post(`/v1/incidents/${reclassified}/triage`)
        .set('Authorization', token(['responder']))
        .send({ severity: 'urgent', category: 'errors.high_rate', owningTeam: 'app-support', reason: 'production too' })
        .expect(200, { events: ['IncidentTriaged'], duplicate: false });
      // The opening and the reopening delivered again, e.g. a new replica catching up on history.
      const [opened] = await streamOf(reclassified);
      await producer.send({
        topic: `${prefix}incident.events`,
        acks: -1,
        messages: [toIncidentEventMessage(opened!), ...(await streamOf(reclassified)).map(toIncidentEventMessage)],
      });
      await zeroLag();

      expect(await typesOf(reclassified)).toEqual([
        'IncidentOpened',
        'IncidentTriaged',
        'IncidentMarkedNoAction',
        'IncidentReopened',
        'IncidentTriaged',
      ]);
      expect((await streamOf(reclassified)).at(-1)!.data).toMatchObject({ ruleId: 'manual:alice', severity: 'urgent' });
    });

    it('lets a responder triage the one it left, with a reason, over HTTP', async () => {
      const response = await http()
        .post(`/v1/incidents/${unknownSeverity}/triage`)
        .set('Authorization', token(['responder']))
        .send({
          severity: 'high',
          category: 'availability.downtime',
          owningTeam: 'customer-success',
          reason: 'paged by acme',
        })
        .expect(200);
      expect(response.body).toEqual({ events: ['IncidentTriaged'], duplicate: false });
      const [, triaged] = await streamOf(unknownSeverity);
      expect(triaged).toMatchObject({
        data: { severity: 'high', ruleId: 'manual:alice', ruleSetVersion: null, reasons: ['paged by acme'] },
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

    it('marks no action and returns to the customer by hand, with the reason', async () => {
      const other = randomUUID();
      await execute(open(other, { severity: 'high', category: 'availability.downtime' }));
      await execute(
        {
          type: 'TriageIncident',
          data: {
            incidentId: other,
            severity: 'high',
            category: 'availability.downtime',
            owningTeam: 'x',
            ruleId: 'manual:bob',
            triagedAt: OPENED_AT,
          },
        },
        person('bob'),
      );

      await http()
        .post(`/v1/incidents/${known}/no-action`)
        .set('Authorization', token(['responder']))
        .send({ reason: 'a load test by the customer' })
        .expect(200, { events: ['IncidentMarkedNoAction'], duplicate: false });
      await http()
        .post(`/v1/incidents/${other}/return-to-customer`)
        .set('Authorization', token(['responder']))
        .send({ reason: 'their own VPN', downgradeTo: 'low' })
        .expect(200, { events: ['IncidentReturnedToCustomer'], duplicate: false });
      const again = await http()
        .post(`/v1/incidents/${known}/no-action`)
        .set('Authorization', token(['responder']))
        .send({ reason: 'twice' })
        .expect(409);

      expect((await streamOf(known)).at(-1)).toMatchObject({
        data: { reason: 'a load test by the customer', decidedBy: 'alice' },
      });
      expect((await streamOf(other)).at(-1)).toMatchObject({ data: { downgradedTo: 'low', returnedBy: 'alice' } });
      expect(JSON.stringify(again.body)).toMatch(/no_action/);
    });

    it('changes the severity by hand, with the reason, and refuses the same severity twice', async () => {
      const incident = randomUUID();
      await execute(open(incident, { severity: 'high', category: 'availability.downtime' }));
      await http()
        .post(`/v1/incidents/${incident}/severity`)
        .set('Authorization', token(['responder']))
        .send({ severity: 'urgent', reason: 'every customer is affected' })
        .expect(200, { events: ['SeverityChanged'], duplicate: false });
      const again = await http()
        .post(`/v1/incidents/${incident}/severity`)
        .set('Authorization', token(['responder']))
        .send({ severity: 'urgent', reason: 'twice' })
        .expect(409);
      await http()
        .post(`/v1/incidents/${incident}/severity`)
        .set('Authorization', token(['auditor']))
        .send({ severity: 'low', reason: 'not mine to change' })
        .expect(403);

      expect((await streamOf(incident)).at(-1)).toMatchObject({
        type: 'SeverityChanged',
        data: { severity: 'urgent', reason: 'every customer is affected', changedBy: 'alice' },
      });
      expect(JSON.stringify(again.body)).toMatch(/already urgent/);
    });

    it('escalates an incident nobody triaged by its deadline, once, caused by the timer', async () => {
      const overdue = randomUUID();
      const openedAnHourAgo = new Date(Date.now() - 60 * 60_000).toISOString();
      await execute(open(overdue, { category: 'availability.downtime', openedAt: openedAnHourAgo }));
      await publishTwice(overdue);

      const key = `triage-deadline:${overdue}`;
      await eventually('the deadline fired', async () => {
        const timer = await scheduler().get(key);
        return timer?.status === 'fired' ? timer : undefined;
      });
      const [, escalated, ...more] = await streamOf(overdue);
      expect(more).toEqual([]);
      expect(escalated).toMatchObject({
        type: 'IncidentEscalated',
        data: { reason: 'timeout', fromLevel: 1, toLevel: 2, note: 'not triaged within 15 minutes' },
        metadata: { actor: { kind: 'system', id: 'triage' }, causationId: key },
      });
    });

    it('answers 400 naming the field, 404 for an incident never opened, 403 to an auditor', async () => {
      const post = (incidentId: string, roles: ('responder' | 'auditor')[], body: object) =>
        http().post(`/v1/incidents/${incidentId}/triage`).set('Authorization', token(roles)).send(body);
      const valid = { severity: 'high', category: 'defect.bug', owningTeam: 'app-support', reason: 'r' };
      const invalid = await post(known, ['responder'], { ...valid, severity: 'catastrophic' }).expect(400);
      const noReason = await post(known, ['responder'], { ...valid, reason: undefined }).expect(400);
      expect(JSON.stringify(invalid.body)).toMatch(/severity/);
      expect(JSON.stringify(noReason.body)).toMatch(/reason/);
      await post(randomUUID(), ['responder'], valid).expect(404);
      await post(known, ['auditor'], valid).expect(403);
    });

    it('explains an incident and an alert, every rule’s match or miss, and writes nothing', async () => {
      const before = await typesOf(returned);
      const incident = await http()
        .post('/v1/triage/explain')
        .set('Authorization', token(['auditor']))
        .send({ incidentId: returned })
        .expect(200);
      const alert = await http()
        .post('/v1/triage/explain')
        .set('Authorization', token(['responder']))
        .send({
          alert: { source: 'generic', customerId: 'acme', service: 'acme-postgres', category: 'resources.exhausted' },
        })
        .expect(200);

      expect(incident.body).toMatchObject({
        ruleId: 'application-not-subscribed',
        ruleSetVersion: 1,
        decision: { kind: 'triage', disposition: { kind: 'return_to_customer', downgradeTo: 'normal' } },
        facts: { customerId: 'acme', subscriptions: ['infrastructure'] },
      });
      expect(incident.body.ruleResults).toContainEqual({
        ruleId: 'application-support',
        outcome: 'missed',
        reason: 'customer acme does not subscribe to application support',
      });
      expect(alert.body).toMatchObject({
        ruleId: 'resources-exhausted',
        decision: { owningTeam: 'database', severity: 'high', flags: ['autoscale_within_limits'] },
      });
      expect(await typesOf(returned)).toEqual(before);
    });

    it('explains against a proposed rule file, and names its errors', async () => {
      const proposed = RULES.replace('      team: security\n', '      team: soc\n');
      const explained = await http()
        .post('/v1/triage/explain')
        .set('Authorization', token(['responder']))
        .send({
          alert: { source: 'generic', customerId: 'acme', service: 'acme-api', category: 'security.exploit' },
          rules: proposed,
        })
        .expect(200);
      const refused = await http()
        .post('/v1/triage/explain')
        .set('Authorization', token(['responder']))
        .send({ alert: { source: 'generic', customerId: 'acme', service: 'acme-api' }, rules: 'rules: []\n' })
        .expect(400);

      expect(explained.body).toMatchObject({ ruleSetVersion: null, decision: { owningTeam: 'soc' } });
      expect(refused.body.errors[0].text).toBe('proposed.yaml:1 rules: must have at least 1 item(s)');
    });

    it('answers the rule set in force now, and 404 at a moment before any', async () => {
      const now = await http()
        .get('/v1/triage/rules')
        .set('Authorization', token(['auditor']))
        .expect(200);
      const then = await http()
        .get(`/v1/triage/rules?at=${rulesAppliedAt}`)
        .set('Authorization', token(['auditor']))
        .expect(200);
      await http()
        .get('/v1/triage/rules?at=2020-01-01T00:00:00Z')
        .set('Authorization', token(['auditor']))
        .expect(404);

      expect(now.body).toMatchObject({
        version: 1,
        fileName: 'triage-rules.yaml',
        summary: { drillScenarios: 2 },
        yaml: RULES,
      });
      expect(then.body.ruleSet.rules[0].id).toBe('drill');
    });

    it('opens a drill from a named scenario, triaged as a drill with no customer told', async () => {
      const started = await http()
        .post('/v1/drills')
        .set('Authorization', token(['responder']))
        .send({ scenario: 'storefront-exploit' })
        .expect(201);
      await http()
        .post('/v1/drills')
        .set('Authorization', token(['responder']))
        .send({ scenario: 'fire' })
        .expect(404);
      const { incidentId } = started.body as { incidentId: string };
      await publishTwice(incidentId);
      await eventually('the drill triaged', async () => ((await typesOf(incidentId)).length > 1 ? true : undefined));
      await zeroLag();

      const [opened, triaged, ...more] = await streamOf(incidentId);
      expect(opened!.data).toMatchObject({
        drill: true,
        source: 'drill',
        labels: { drill: 'true', scenario: 'storefront-exploit' },
      });
      expect(triaged).toMatchObject({ type: 'IncidentTriaged', data: { ruleId: 'drill', owningTeam: 'app-support' } });
      expect(more).toEqual([]);
    });
  });
});
