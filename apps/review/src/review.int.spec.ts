import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import request from 'supertest';
import { DirectoryReader, DirectoryVersions, ReviewPolicyVersions } from '@incident/directory';
import { type IncidentCommand, incidentStreamId } from '@incident/domain';
import { EVENT_STORE, type HashChainedEventStore, IncidentCommandHandler } from '@incident/event-store';
import { type IncidentEventConsumer, type IncidentEventsTransport, toIncidentEventMessage } from '@incident/messaging';
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
import { reminderTimerKey } from './reminders/reminder-steps';
import { connectReviewEvents, ReviewModule } from './review.module';
import { ReviewPolicySource } from './review-policy.source';
import { OPENED_AT, openIncident, urgentResponse } from './test-support/review-history';

const config = (name: string) => readFileSync(join(__dirname, '../../../config', name), 'utf8');

describeWithInfrastructure(['postgres', 'kafka'], 'review: resolutions in, reviews started or incidents closed', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let transport: IncidentEventsTransport;
  let store: HashChainedEventStore;
  let kafka: Kafka;
  let producer: Producer;
  const prefix = `${uniqueName('review')}.`;
  const token = (roles: Role[], subject = 'alice') => {
    const customer = roles.includes('customer') ? { customerId: 'acme' } : {};
    const claims = { subject, roles, expiresIn: '5m' as const, ...customer };
    return `Bearer ${mintToken({ secret: TEST_JWT_SECRET, issuer: 'incident-platform' }, claims)}`;
  };
  const system = { actor: { kind: 'integration' as const, id: 'alertmanager' }, correlationId: randomUUID() };

  beforeAll(async () => {
    database = await createTestDatabase('review');
    const variables = { KAFKA_TOPIC_PREFIX: prefix, KAFKA_PARTITIONS_INCIDENT_EVENTS: '3' };
    const platform = testServiceConfig('review', {
      databaseUrl: database.url,
      kafkaBrokers: kafkaBrokers(),
      variables,
    });
    app = await createServiceApp(createPlatformContext(platform), ReviewModule);
    transport = connectReviewEvents(app);
    await app.init();
    store = app.get<HashChainedEventStore>(EVENT_STORE);
    const applied = {
      actor: { kind: 'user' as const, id: 'lead' },
      correlationId: randomUUID(),
      occurredAt: OPENED_AT,
    };
    await new DirectoryVersions(store).apply(config('directory.example.yaml'), 'directory.example.yaml', applied);
    const policy = config('review-policy.example.yaml');
    await new ReviewPolicyVersions(store).apply(policy, 'review-policy.yaml', applied);
    await app.get(DirectoryReader).refresh();
    await app.get(ReviewPolicySource).refresh();
    await app.startAllMicroservices();
    kafka = testKafka('review-suite');
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
  const execute = (command: IncidentCommand) => app.get(IncidentCommandHandler).execute(command, system);
  const streamOf = (incidentId: string) => store.readStream(incidentStreamId(incidentId));
  const typesOf = async (incidentId: string) => (await streamOf(incidentId)).map((event) => event.type);
  const http = () => request(app.getHttpServer());
  const untilLast = (incidentId: string, type: string) =>
    eventually(`${type} on ${incidentId}`, async () =>
      (await typesOf(incidentId)).at(-1) === type ? true : undefined,
    );

  describe('given an urgent incident, a low flap resolved at its source and a drill, each record delivered twice', () => {
    const urgent = randomUUID();
    const flap = randomUUID();
    const drill = randomUUID();

    beforeAll(async () => {
      for (const command of urgentResponse(urgent)) await execute(command);
      await execute(openIncident(flap, { severity: 'low', category: 'defect.bug' }));
      await execute({
        type: 'ResolveAlertAtSource',
        data: { incidentId: flap, allAlertsResolved: true, resolvedAt: '2026-11-22T04:03:00.000Z' },
      });
      await execute(openIncident(drill, { severity: 'urgent', category: 'availability.downtime', drill: true }));
      await execute({
        type: 'ResolveIncident',
        data: { incidentId: drill, resolvedBy: 'bob', summary: 'drill over', resolvedAt: '2026-11-22T04:30:00.000Z' },
      });
      for (const incidentId of [urgent, flap, drill]) await publishTwice(incidentId);
      await untilLast(urgent, 'ReviewStarted');
      await untilLast(flap, 'IncidentClosed');
      await untilLast(drill, 'ReviewStarted');
      await zeroLag();
    });

    it('starts the review the urgent incident requires, once, caused by its resolution', async () => {
      const events = await streamOf(urgent);
      const resolved = events.find((event) => event.type === 'IncidentResolved');
      const started = events.filter((event) => event.type === 'ReviewStarted');

      expect(started).toHaveLength(1);
      expect(started[0]).toMatchObject({
        data: { startedBy: 'review' },
        metadata: { actor: { kind: 'system', id: 'review' }, causationId: resolved!.id },
      });
    });

    it('serves the urgent incident’s review: the requirement, the revision read, the document from its history', async () => {
      const { body } = await http()
        .get(`/v1/incidents/${urgent}/review`)
        .set('Authorization', token(['responder']))
        .expect(200);
      const events = await streamOf(urgent);

      expect(body).toMatchObject({
        revision: events.at(-1)!.streamRevision,
        status: 'in_review',
        requirement: { required: true, ruleId: 'urgent-or-high', dueAt: '2026-11-27T05:30:00.000Z', policyVersion: 1 },
        document: { impact: { durationMinutes: 90, slaBreaches: [{ sla: 'acknowledgement' }] }, rootCause: null },
      });
      expect(body.document.escalations.map((escalation: { why: string }) => escalation.why)).toEqual([
        'nobody acknowledged in time',
        'needs a DBA',
      ]);
    });

    it('keeps the review from customers and from anyone without a token', async () => {
      await http().get(`/v1/incidents/${urgent}/review`).expect(401);
      await http()
        .get(`/v1/incidents/${urgent}/review`)
        .set('Authorization', token(['customer']))
        .expect(403);
    });

    it('closes the low flap without a review: the default requirement waived by the policy, then closed', async () => {
      const events = await streamOf(flap);

      expect(events.map((event) => event.type)).toEqual([
        'IncidentOpened',
        'AlertResolvedAtSource',
        'IncidentResolved',
        'ReviewWaived',
        'IncidentClosed',
      ]);
      expect(events[3]!.data).toMatchObject({ reason: 'review policy v1: no review rule holds', waivedBy: 'review' });
    });

    it('gives the drill a drill review', async () => {
      expect((await typesOf(drill)).filter((type) => type === 'ReviewStarted')).toHaveLength(1);

      const { body } = await http()
        .get(`/v1/incidents/${drill}/review`)
        .set('Authorization', token(['auditor']))
        .expect(200);
      expect(body.requirement).toMatchObject({ required: true, ruleId: 'drill', drill: true, policyVersion: 1 });
    });
  });
  describe('given a review in progress, edited by responders', () => {
    const incidentId = randomUUID();
    const review = () =>
      http()
        .get(`/v1/incidents/${incidentId}/review`)
        .set('Authorization', token(['responder']));
    const post = (path: string, subject = 'alice') =>
      http()
        .post(`/v1/incidents/${incidentId}/review/${path}`)
        .set('Authorization', token(['responder'], subject));
    const item = { kind: 'preventive', title: 'alert on disk usage', owner: 'bob', dueDate: '2026-12-15' };

    beforeAll(async () => {
      for (const command of urgentResponse(incidentId)) await execute(command);
      await publishTwice(incidentId);
      await untilLast(incidentId, 'ReviewStarted');
    });

    it('records the 5 Whys on the revision read (If-Match), and answers the next revision', async () => {
      const read = await review().expect(200);
      expect(read.headers['etag']).toBe(`"${read.body.revision}"`);

      const { body } = await post('root-cause')
        .set('If-Match', read.headers['etag'] as string)
        .send({
          whys: ['the database stopped', 'its disk was full', 'nobody was alerted on disk usage'],
          rootCause: 'no alert on the database disk',
          contributingFactors: ['a log level left at debug'],
          evidenceLinks: ['https://grafana.example.com/d/acme-pg'],
          fixTerm: 'short_term',
        })
        .expect(200);

      expect(body).toEqual({ events: ['RootCauseRecorded'], revision: read.body.revision + 1 });
      const after = await review().expect(200);
      expect(after.body.document.rootCause).toMatchObject({
        technique: '5_whys',
        contributingFactors: ['a log level left at debug'],
        evidenceLinks: ['https://grafana.example.com/d/acme-pg'],
        fixTerm: 'short_term',
        recordedBy: 'alice',
      });
    });

    it('lets one of two concurrent edits on the same revision win; the other gets 409 naming the revision', async () => {
      const { revision } = (await review().expect(200)).body as { revision: number };

      const answers = await Promise.all([
        post('action-items', 'alice').send({ ...item, revision }),
        post('action-items', 'carol').send({ ...item, title: 'raise the disk', kind: 'long_term_fix', revision }),
      ]);

      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
      const lost = answers.find((answer) => answer.status === 409)!;
      expect(lost.body).toMatchObject({ expectedRevision: revision, currentRevision: revision + 1 });
      expect(lost.body.message).toContain(`is at revision ${revision + 1}`);
      const { body } = await review().expect(200);
      expect(body.document.actionItems).toHaveLength(1);
    });

    it('refuses an edit that names no revision, and an owner who is not in the directory', async () => {
      const { revision } = (await review().expect(200)).body as { revision: number };

      await post('action-items').send(item).expect(428);
      const unknown = await post('action-items')
        .send({ ...item, owner: 'mallory', revision })
        .expect(400);
      expect(unknown.body.message).toContain('owner: mallory is not a person of the directory');
    });

    it('adds an item with its ticket and completes it with evidence', async () => {
      const read = (await review().expect(200)).body as { revision: number };
      const ticketUrl = 'https://tickets.example.com/OPS-42';
      const added = await post('action-items')
        .send({ ...item, kind: 'automation', title: 'clean old logs', ticketUrl, revision: read.revision })
        .expect(201);

      const completed = await post(`action-items/${added.body.actionItemId}/complete`, 'bob')
        .set('If-Match', `W/"${added.body.revision}"`)
        .send({ evidence: 'https://git.example.com/ops/pull/7' })
        .expect(200);

      expect(completed.body).toEqual({ events: ['ActionItemCompleted'], revision: added.body.revision + 1 });
      const { body } = await review().expect(200);
      expect(body.document.actionItems.at(-1)).toMatchObject({
        actionItemId: added.body.actionItemId,
        ticketUrl,
        completedBy: 'bob',
        evidence: 'https://git.example.com/ops/pull/7',
      });
    });

    it('refuses publication until the team’s technical lead and project manager signed off, and anyone else 403', async () => {
      const read = (await review().expect(200)).body as { revision: number };
      const summary = 'not yet';

      const unsigned = await post('publish', 'carol').send({ summary, revision: read.revision }).expect(409);
      expect(unsigned.body.message).toContain('lacks the sign-off of technical lead and project manager');
      const impostor = await post('sign-off', 'bob').send({ role: 'technical_lead', revision: read.revision });
      expect(impostor.status).toBe(403);
      expect(impostor.body.message).toContain('only the technical lead of team customer-success (alice)');

      const lead = await post('sign-off', 'alice')
        .send({ role: 'technical_lead', revision: read.revision })
        .expect(200);
      const pm = await post('sign-off', 'carol')
        .set('If-Match', `"${lead.body.revision}"`)
        .send({ role: 'project_manager' });

      expect(pm.status).toBe(200);
      expect(pm.body).toEqual({ role: 'project_manager', events: ['ReviewSignedOff'], revision: read.revision + 2 });
      const { body } = await review().expect(200);
      expect(body.document.signOffs).toMatchObject([
        { role: 'technical_lead', signedOffBy: 'alice' },
        { role: 'project_manager', signedOffBy: 'carol' },
      ]);
    });

    it('publishes the review it read as Markdown with its sha256, then closes the incident once', async () => {
      const { revision } = (await review().expect(200)).body as { revision: number };
      const summary = 'The database disk filled up; nobody was alerted.';
      await post('publish', 'carol')
        .send({ summary, revision: revision - 1 })
        .expect(409);

      const published = await post('publish', 'carol').set('If-Match', `"${revision}"`).send({ summary }).expect(200);
      expect(published.body).toMatchObject({ events: ['ReviewPublished'], revision: revision + 1 });
      await publishTwice(incidentId);
      await untilLast(incidentId, 'IncidentClosed');
      await zeroLag();

      const events = await streamOf(incidentId);
      const publication = events.find((event) => event.type === 'ReviewPublished')!;
      expect(publication.data).toMatchObject({ renderedSha256: published.body.renderedSha256, publishedBy: 'carol' });
      const closed = events.filter((event) => event.type === 'IncidentClosed');
      expect(closed).toHaveLength(1);
      expect(closed[0]!.metadata.causationId).toBe(publication.id);
      const markdown = await http()
        .get(`/v1/incidents/${incidentId}/review/published.md`)
        .set('Authorization', token(['auditor']))
        .expect(200);
      expect(markdown.headers['content-type']).toContain('text/markdown');
      expect(markdown.text).toContain(summary);
      expect(createHash('sha256').update(markdown.text, 'utf8').digest('hex')).toBe(published.body.renderedSha256);
      expect(markdown.headers['x-review-sha256']).toBe(published.body.renderedSha256);
      const page = await http()
        .get(`/v1/incidents/${incidentId}/review/published.html`)
        .set('Authorization', token(['auditor']))
        .expect(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.text).toContain('<svg');
      expect(createHash('sha256').update(page.text, 'utf8').digest('hex')).toBe(published.body.renderedHtmlSha256);
      expect(publication.data).toMatchObject({ renderedHtmlSha256: page.headers['x-review-sha256'] });
    });

    it('keeps auditors to reading', async () => {
      await http()
        .post(`/v1/incidents/${incidentId}/review/root-cause`)
        .set('Authorization', token(['auditor']))
        .send({ whys: ['a'], rootCause: 'b', revision: 0 })
        .expect(403);
    });
  });

  describe('given required reviews waived over HTTP, by the review policy’s waivableBy', () => {
    // Both urgent: rule urgent-or-high of the example policy, `waivableBy: [admin]`.
    const waived = randomUUID();
    const published = randomUUID();
    const reason = 'a planned failover drill gone long; reviewed with the change itself';
    const review = (incidentId: string) =>
      http()
        .get(`/v1/incidents/${incidentId}/review`)
        .set('Authorization', token(['responder']));
    const revisionOf = async (incidentId: string) =>
      ((await review(incidentId).expect(200)).body as { revision: number }).revision;
    const waive = (incidentId: string, roles: Role[], subject = 'lead') =>
      http().post(`/v1/incidents/${incidentId}/review/waive`).set('Authorization', token(roles, subject));
    const item = { kind: 'preventive', title: 'alert on disk usage', owner: 'bob', dueDate: '2026-12-15' };

    beforeAll(async () => {
      for (const command of [...urgentResponse(waived), ...urgentResponse(published)]) await execute(command);
      await publishTwice(waived);
      await publishTwice(published);
      await untilLast(waived, 'ReviewStarted');
      await untilLast(published, 'ReviewStarted');
      // The other review is published (its consumer reaction, the close, is not delivered: it stays in review).
      const at = new Date().toISOString();
      const data = { incidentId: published };
      await execute({
        type: 'RecordRootCause',
        data: { ...data, whys: ['a'], rootCause: 'b', recordedBy: 'alice', recordedAt: at },
      });
      await execute({
        type: 'PublishReview',
        data: { ...data, summary: 'done', publishedBy: 'carol', publishedAt: at },
      });
    });

    it('refuses a responder, naming the roles the policy in force lets waive this review', async () => {
      const revision = await revisionOf(waived);

      const { body } = await waive(waived, ['responder'], 'alice').send({ reason, revision }).expect(403);

      expect(body.message).toBe(
        'under review policy v1 (rule urgent-or-high) only the role admin may waive this review, not responder',
      );
    });

    it('asks for the reason, and for the revision read', async () => {
      const revision = await revisionOf(waived);

      const missing = await waive(waived, ['admin']).send({ revision }).expect(400);
      expect(JSON.stringify(missing.body.message)).toContain('reason should not be empty');
      await waive(waived, ['admin']).send({ reason }).expect(428);
    });

    it('refuses a waiver made on a stale revision, naming the revision there is', async () => {
      const revision = await revisionOf(waived);

      const { body } = await waive(waived, ['admin'])
        .set('If-Match', `"${revision - 1}"`)
        .send({ reason })
        .expect(409);

      expect(body).toMatchObject({ expectedRevision: revision - 1, currentRevision: revision });
      expect(body.message).toContain(`is at revision ${revision}, not ${revision - 1}`);
    });

    it('waives by an admin, with the reason and who; the incident is then closed once and its reminders cancelled', async () => {
      const added = await http()
        .post(`/v1/incidents/${waived}/review/action-items`)
        .set('Authorization', token(['responder']))
        .send({ ...item, revision: await revisionOf(waived) })
        .expect(201);

      const answer = await waive(waived, ['admin'])
        .set('If-Match', `"${added.body.revision}"`)
        .send({ reason })
        .expect(200);
      expect(answer.body).toEqual({ reason, events: ['ReviewWaived'], revision: added.body.revision + 1 });
      await publishTwice(waived);
      await untilLast(waived, 'IncidentClosed');
      await zeroLag();

      const events = await streamOf(waived);
      const waiver = events.filter((event) => event.type === 'ReviewWaived');
      expect(waiver).toHaveLength(1);
      expect(waiver[0]).toMatchObject({
        data: { reason, waivedBy: 'lead' },
        metadata: { actor: { kind: 'user', id: 'lead' } },
      });
      const closed = events.filter((event) => event.type === 'IncidentClosed');
      expect(closed).toHaveLength(1);
      expect(closed[0]).toMatchObject({
        data: { closedBy: 'review', note: `the review was waived: ${reason}` },
        metadata: { causationId: waiver[0]!.id },
      });
      expect((await review(waived).expect(200)).body.status).toBe('closed');
      const scheduler = app.get(Scheduler);
      const key = (step: string) => reminderTimerKey(waived, added.body.actionItemId as string, step, item.dueDate);
      await eventually('the item’s reminders cancelled', async () => {
        const rows = await Promise.all(['remind-2d', 'remind-1h', 'overdue'].map((step) => scheduler.get(key(step))));
        return rows.every((row) => row?.status === 'cancelled') ? true : undefined;
      });
    });

    it('refuses to waive again once closed', async () => {
      const { body } = await waive(waived, ['admin'])
        .send({ reason, revision: await revisionOf(waived) })
        .expect(409);

      expect(body.message).toContain('closed');
    });

    it('refuses to waive a published review (409)', async () => {
      const { body } = await waive(published, ['admin'])
        .send({ reason, revision: await revisionOf(published) })
        .expect(409);

      expect(body.message).toContain('the review is already published');
      expect(await typesOf(published)).not.toContain('ReviewWaived');
    });
  });
});
