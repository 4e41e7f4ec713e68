import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DirectoryVersions } from '@incident/directory';
import { type IncidentCategory, type IncidentCommand, incidentDecider } from '@incident/domain';
import { type EventStore, handleCommand, INCIDENT_UPCASTERS } from '@incident/event-store';
import { createTestEventStore, type TestEventStore } from '@incident/event-store/testing';
import { testBearer, testCustomerBearer } from '@incident/platform/testing';
import { describeWithInfrastructure } from '@incident/testing';
import { startQueryCaughtUp } from '../dashboard/test-support/start-caught-up';

const later = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

interface ReviewedIncident {
  readonly openedAt: string;
  readonly category: IncidentCategory;
  readonly drill?: boolean;
  /** Minutes after opening. */
  readonly acknowledgedAfter: number;
  readonly resolvedAfter: number;
  /** Minutes after opening; absent: the review is still open. */
  readonly publishedAfter?: number;
  readonly items?: readonly { id: string; owner: string; dueDate: string; doneAfter?: number }[];
}

/** One incident of team `infrastructure`, severity high, driven through its response and review by the test. */
async function reviewedIncident(store: EventStore, spec: ReviewedIncident): Promise<string> {
  const incidentId = randomUUID();
  const at = (minutes: number) => later(spec.openedAt, minutes);
  const steps: [number, IncidentCommand][] = [];
  const step = (minute: number, type: IncidentCommand['type'], data: Record<string, unknown>) =>
    steps.push([minute, { type, data: { incidentId, ...data } } as unknown as IncidentCommand]);
  const { openedAt, category } = spec;
  step(0, 'OpenIncident', {
    dedupKey: incidentId,
    source: 'hand',
    customerId: 'hand-co',
    service: 'billing',
    title: 'Hand-made incident',
    drill: spec.drill ?? false,
    openedAt,
  });
  step(0, 'TriageIncident', {
    severity: 'high',
    owningTeam: 'infrastructure',
    category,
    ruleId: 'hand',
    triagedAt: at(0),
  });
  step(spec.acknowledgedAfter, 'AcknowledgeIncident', {
    responderId: 'bob',
    acknowledgedAt: at(spec.acknowledgedAfter),
  });
  const resolved = spec.resolvedAfter;
  step(resolved, 'ResolveIncident', { resolvedBy: 'bob', summary: 'fixed', resolvedAt: at(resolved) });
  step(resolved, 'StartReview', { startedBy: 'bob', startedAt: at(resolved) });
  step(resolved, 'RecordRootCause', {
    whys: ['why'],
    rootCause: 'a cause',
    recordedBy: 'bob',
    recordedAt: at(resolved),
  });
  for (const item of spec.items ?? []) {
    const { id: actionItemId, owner, dueDate } = item;
    step(resolved, 'AddActionItem', {
      actionItemId,
      kind: 'preventive',
      title: `item ${actionItemId}`,
      owner,
      dueDate,
      ticketUrl: `https://tickets.example/${actionItemId}`,
      addedAt: at(resolved),
    });
  }
  if (spec.publishedAfter !== undefined) {
    const publishedAt = at(spec.publishedAfter);
    step(spec.publishedAfter, 'PublishReview', { summary: 'reviewed', publishedBy: 'bob', publishedAt });
  }
  for (const item of spec.items ?? []) {
    if (item.doneAfter === undefined) continue;
    const completedAt = at(item.doneAfter);
    step(item.doneAfter, 'CompleteActionItem', {
      actionItemId: item.id,
      evidence: 'merged',
      completedBy: 'dave',
      completedAt,
    });
  }
  steps.sort(([a], [b]) => a - b);
  for (const [minute, command] of steps) {
    const context = { occurredAt: at(minute), actor: { kind: 'user' as const, id: 'bob' }, correlationId: incidentId };
    await handleCommand(store, incidentDecider, `incident-${incidentId}`, command, context);
  }
  return incidentId;
}

/**
 * The week of Monday 2026-10-05, minutes after opening (all team infrastructure, severity high):
 *   A availability.downtime, Tue 6th: acknowledged 5, resolved 60, review published 60 + 2 days (2,880 min)
 *   B availability.downtime, Wed 7th: acknowledged 15, resolved 120, review published 120 + 1 day (1,440 min)
 *   C defect.bug, Wed 7th: acknowledged 30, resolved 240; review not published
 *   D a drill, availability.downtime, Tue 6th: acknowledged 1, resolved 10, review published 10 + 10 min
 * Action items of A: dave's (app-support) overdue, dave's done, grace's (database) open until 2099; and bob's
 * of the drill (customer-success: his first team in the directory), overdue.
 */
describeWithInfrastructure(['postgres', 'kafka'], 'the review views: action items per team and figures', () => {
  let eventStore: TestEventStore;
  let app: INestApplication;
  let a: string;
  const get = (path: string) =>
    request(app.getHttpServer())
      .get(path)
      .set('Authorization', testBearer(['auditor']));

  beforeAll(async () => {
    eventStore = await createTestEventStore('review_views', { store: { upcasters: INCIDENT_UPCASTERS } });
    const { store } = eventStore;
    const directory = readFileSync(join(__dirname, '../../../../config/directory.example.yaml'), 'utf8');
    const applied = { actor: { kind: 'user' as const, id: 'ops' }, correlationId: randomUUID() };
    await new DirectoryVersions(store).apply(directory, 'directory.example.yaml', {
      ...applied,
      occurredAt: '2026-10-01T00:00:00.000Z',
    });
    a = await reviewedIncident(store, {
      openedAt: '2026-10-06T10:00:00.000Z',
      category: 'availability.downtime',
      acknowledgedAfter: 5,
      resolvedAfter: 60,
      publishedAfter: 60 + 2880,
      items: [
        { id: 'late', owner: 'dave', dueDate: '2026-10-20' },
        { id: 'done', owner: 'dave', dueDate: '2026-10-20', doneAfter: 60 + 4320 },
        { id: 'later', owner: 'grace', dueDate: '2099-12-31' },
      ],
    });
    await reviewedIncident(store, {
      openedAt: '2026-10-07T10:00:00.000Z',
      category: 'availability.downtime',
      acknowledgedAfter: 15,
      resolvedAfter: 120,
      publishedAfter: 120 + 1440,
    });
    await reviewedIncident(store, {
      openedAt: '2026-10-07T12:00:00.000Z',
      category: 'defect.bug',
      acknowledgedAfter: 30,
      resolvedAfter: 240,
    });
    await reviewedIncident(store, {
      openedAt: '2026-10-06T11:00:00.000Z',
      category: 'availability.downtime',
      drill: true,
      acknowledgedAfter: 1,
      resolvedAfter: 10,
      publishedAfter: 20,
      items: [{ id: 'drill-item', owner: 'bob', dueDate: '2026-10-10' }],
    });
    app = await startQueryCaughtUp(eventStore);
  });

  afterAll(async () => {
    await app?.close();
    await eventStore?.close();
  });

  describe('action items', () => {
    it('lists a team’s overdue items: open and past due, with owner, team, ticket and due time', async () => {
      const { body } = await get('/v1/action-items?team=app-support&status=overdue').expect(200);
      expect(body.items).toEqual([
        {
          incidentId: a,
          actionItemId: 'late',
          kind: 'preventive',
          title: 'item late',
          owner: 'dave',
          team: 'app-support',
          dueDate: '2026-10-20',
          dueAt: '2026-10-21T00:00:00.000Z',
          ticketUrl: 'https://tickets.example/late',
          status: 'open',
          overdue: true,
          addedAt: '2026-10-06T11:00:00.000Z',
          completedAt: null,
          completedBy: null,
          evidence: null,
        },
      ]);
    });

    it('tells open (overdue included), overdue and done apart', async () => {
      const ids = async (query: string) =>
        ((await get(`/v1/action-items?${query}`).expect(200)).body.items as { actionItemId: string }[]).map(
          (item) => item.actionItemId,
        );
      expect(await ids('status=open')).toEqual(['drill-item', 'late', 'later']);
      expect(await ids('status=overdue')).toEqual(['drill-item', 'late']);
      expect(await ids('status=done')).toEqual(['done']);
      expect(await ids('team=database&status=open')).toEqual(['later']);
      expect(await ids('owner=dave')).toEqual(['done', 'late']);
    });

    it('keeps the evidence of a done item', async () => {
      const { body } = await get('/v1/action-items?status=done').expect(200);
      expect(body.items[0]).toMatchObject({ status: 'done', overdue: false, evidence: 'merged', completedBy: 'dave' });
    });

    it('counts open, overdue and done items per team', async () => {
      const { body } = await get('/v1/action-items/counts').expect(200);
      expect(body.teams).toEqual([
        { team: 'app-support', open: 1, overdue: 1, done: 1 },
        { team: 'customer-success', open: 1, overdue: 1, done: 0 },
        { team: 'database', open: 1, overdue: 0, done: 0 },
      ]);
      const one = await get('/v1/action-items/counts?team=database').expect(200);
      expect(one.body.teams).toEqual([{ team: 'database', open: 1, overdue: 0, done: 0 }]);
    });

    it.each([
      ['/v1/action-items?status=late', /status must be one of open, overdue, done/],
      ['/v1/action-items?limit=0', /limit must be at least 1/],
      ['/v1/action-items?colour=red', /property colour should not exist/],
    ])('refuses %s (400)', async (path, message) => {
      const { body } = await get(path).expect(400);
      expect(JSON.stringify(body.message)).toMatch(message);
    });
  });

  describe('figures', () => {
    const week = '/v1/metrics/figures?from=2026-10-05&to=2026-10-11&period=week';

    it('gives MTTA, MTTR and time to review per team, category and severity, drills left out', async () => {
      const { body } = await get(week).expect(200);
      expect(body).toMatchObject({ from: '2026-10-05', to: '2026-10-11', period: 'week', drills: 'exclude' });
      expect(body.figures).toEqual([
        {
          periodStart: '2026-10-05',
          team: 'infrastructure',
          category: 'availability.downtime',
          severity: 'high',
          drill: false,
          incidents: 2,
          acknowledged: 2,
          mttaSeconds: ((5 + 15) / 2) * 60,
          mttaSecondsMax: 15 * 60,
          resolved: 2,
          mttrSeconds: ((60 + 120) / 2) * 60,
          mttrSecondsMax: 120 * 60,
          reviewed: 2,
          timeToReviewSeconds: ((2880 + 1440) / 2) * 60,
          timeToReviewSecondsMax: 2880 * 60,
        },
        {
          periodStart: '2026-10-05',
          team: 'infrastructure',
          category: 'defect.bug',
          severity: 'high',
          drill: false,
          incidents: 1,
          acknowledged: 1,
          mttaSeconds: 30 * 60,
          mttaSecondsMax: 30 * 60,
          resolved: 1,
          mttrSeconds: 240 * 60,
          mttrSecondsMax: 240 * 60,
          reviewed: 0,
          timeToReviewSeconds: null,
          timeToReviewSecondsMax: null,
        },
      ]);
    });

    it('gives the drills’ figures apart, when asked for', async () => {
      const { body } = await get(`${week}&drills=only`).expect(200);
      expect(body.figures).toEqual([
        expect.objectContaining({
          category: 'availability.downtime',
          drill: true,
          incidents: 1,
          mttaSeconds: 60,
          mttrSeconds: 600,
          reviewed: 1,
          timeToReviewSeconds: 600,
        }),
      ]);
    });

    it('keeps to one category when asked', async () => {
      const { body } = await get(`${week}&category=defect.bug`).expect(200);
      expect(body.figures.map((row: { category: string }) => row.category)).toEqual(['defect.bug']);
    });

    it('leaves the response figures as they were: every category summed, drills out', async () => {
      const { body } = await get('/v1/metrics/response?from=2026-10-05&to=2026-10-11&period=week').expect(200);
      expect(body.figures).toEqual([
        expect.objectContaining({ team: 'infrastructure', severity: 'high', incidents: 3, resolved: 3 }),
      ]);
    });

    it('refuses drills=with (400)', async () => {
      const { body } = await get(`${week}&drills=with`).expect(400);
      expect(JSON.stringify(body.message)).toMatch(/drills must be one of exclude, only/);
    });
  });

  describe('who may read them', () => {
    it.each(['/v1/action-items', '/v1/action-items/counts', '/v1/metrics/figures'])(
      '%s needs a bearer token (401) and refuses a customer (403)',
      async (path) => {
        await request(app.getHttpServer()).get(path).expect(401);
        await request(app.getHttpServer()).get(path).set('Authorization', testCustomerBearer('hand-co')).expect(403);
      },
    );

    it('describes the routes in the OpenAPI document', async () => {
      const document = await request(app.getHttpServer()).get('/docs-json').expect(200);
      expect(Object.keys(document.body.paths)).toEqual(
        expect.arrayContaining(['/v1/action-items', '/v1/action-items/counts', '/v1/metrics/figures']),
      );
    });

    it('lets a responder read', async () => {
      await request(app.getHttpServer())
        .get('/v1/action-items/counts')
        .set('Authorization', testBearer(['responder']))
        .expect(200);
    });
  });
});
