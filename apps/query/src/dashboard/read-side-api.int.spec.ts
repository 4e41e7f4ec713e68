import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { INCIDENT_UPCASTERS } from '@incident/event-store';
import { createTestEventStore, type TestEventStore } from '@incident/event-store/testing';
import type { Role } from '@incident/platform';
import { testBearer, testCustomerBearer } from '@incident/platform/testing';
import { readSideStory, type ReadSideStory } from '@incident/read-models/testing';
import { describeWithInfrastructure } from '@incident/testing';
import { startQueryCaughtUp } from './test-support/start-caught-up';

const minute = (n: number) => new Date(Date.parse('2026-11-20T09:00:00.000Z') + n * 60_000).toISOString();

describeWithInfrastructure(['postgres', 'kafka'], 'the query API over issue 13 read models', () => {
  let eventStore: TestEventStore;
  let app: INestApplication;
  let story: ReadSideStory;
  const get = (path: string, roles: Role[] = ['responder']) =>
    request(app.getHttpServer()).get(path).set('Authorization', testBearer(roles, 'dash'));
  const asCustomer = (customerId: string, path: string) =>
    request(app.getHttpServer()).get(path).set('Authorization', testCustomerBearer(customerId));

  beforeAll(async () => {
    eventStore = await createTestEventStore('query_read_side', { store: { upcasters: INCIDENT_UPCASTERS } });
    story = await readSideStory(eventStore.store);
    app = await startQueryCaughtUp(eventStore);
  });

  afterAll(async () => {
    await app?.close();
    await eventStore?.close();
  });

  it('an incident shows its assignee, customer updates, review, disposition, links and triage rule', async () => {
    const acme = await get(`/v1/incidents/${story.acme}`).expect(200);
    expect(acme.body).toMatchObject({
      assignee: 'bob',
      assigneeKind: 'person',
      assignedAt: minute(8),
      lastCustomerUpdateAt: minute(10),
      nextCustomerUpdateDue: minute(70),
      reviewRequired: null,
      disposition: null,
      links: [],
      ruleId: 'rule-a2',
      ruleSetVersion: null,
    });
    const returned = await get(`/v1/incidents/${story.returned}`).expect(200);
    expect(returned.body).toMatchObject({
      disposition: 'returned_to_customer',
      dispositionReason: 'no application support',
      links: [{ incidentId: story.acme, relation: 'duplicate_of' }],
    });
  });

  const idsFor = async (query: string) => {
    const response = await get(`/v1/incidents?${query}`).expect(200);
    return (response.body.items as { incidentId: string }[]).map((row) => row.incidentId).sort();
  };
  const sorted = (...ids: string[]) => ids.sort();

  it.each([
    ['assignee=bob', ['acme']],
    ['assignee=database', ['handedOver']],
    ['category=defect.bug', ['returned']],
    ['category=resources.exhausted,defect.bug', ['handedOver', 'returned']],
    ['slaBreached=true', ['early']],
    ['slaBreached=false', ['acme', 'handedOver', 'returned']],
    ['disposition=returned_to_customer', ['returned']],
    ['disposition=none', ['early', 'acme', 'handedOver']],
    ['reviewRequired=false', ['handedOver']],
    ['customerUpdateOverdue=true', ['acme']],
    ['customerUpdateOverdue=false&slaBreached=false', ['handedOver', 'returned']],
  ] as const)('?%s lists %j', async (query, incidents) => {
    expect(await idsFor(query)).toEqual(sorted(...incidents.map((incident) => story[incident])));
  });

  it('the triage decisions say which rule of which rule set decided, who decided, and why', async () => {
    const response = await get(`/v1/incidents/${story.acme}/triage-decisions`).expect(200);
    expect(response.body).toEqual({
      incidentId: story.acme,
      decisions: [
        expect.objectContaining({
          decision: 'triaged',
          ruleId: 'rule-a',
          ruleSetVersion: null,
          reasons: [],
          decidedBy: { kind: 'system', id: 'triage' },
          decidedAt: minute(7),
          severity: 'high',
          team: 'app-support',
          category: 'availability.downtime',
        }),
        expect.objectContaining({ decision: 'reclassified', ruleId: 'rule-a2', severity: 'urgent' }),
      ],
    });
  });

  it("triage decisions: a customer reads its own; another's incident and an unknown id are 404", async () => {
    await asCustomer('acme', `/v1/incidents/${story.acme}/triage-decisions`).expect(200);
    const other = await asCustomer('globex', `/v1/incidents/${story.acme}/triage-decisions`).expect(404);
    expect(other.body.message).toBe(`no incident ${story.acme}`);
    await get('/v1/incidents/7b0c8a52-1f7e-4b8e-9a51-3c2f0f6d7e11/triage-decisions').expect(404);
  });

  const november = {
    customerId: 'acme',
    period: '2026-11',
    budgetMinutes: 600,
    usedMinutes: 610,
    usedByKind: { corrective: 30, preventive: 0, investigation: 580 },
    remainingMinutes: 0,
    overrunMinutes: 10,
    exceededAt: minute(24),
    entries: 2,
    lastLoggedAt: minute(24),
  };

  it("a customer's month: budget, used by kind, overrun", async () => {
    expect((await get('/v1/customers/acme/hours?period=2026-11').expect(200)).body).toEqual(november);
    expect((await asCustomer('acme', '/v1/customers/acme/hours?period=2026-11').expect(200)).body).toEqual(november);
  });

  it('a month nothing was logged in: the budget of the directory in force then, nothing used', async () => {
    // The story's directory was applied today: October ended before any version, this month runs under it.
    const october = await get('/v1/customers/acme/hours?period=2026-10').expect(200);
    expect(october.body).toMatchObject({ budgetMinutes: null, usedMinutes: 0, entries: 0, lastLoggedAt: null });
    const thisMonth = await get('/v1/customers/acme/hours').expect(200);
    expect(thisMonth.body).toMatchObject({ period: new Date().toISOString().slice(0, 7), budgetMinutes: 600 });
    await get('/v1/customers/nobody/hours?period=2026-11').expect(404);
  });

  it("another customer's hours are 404 for a customer token, exactly as an unknown customer", async () => {
    const other = await asCustomer('globex', '/v1/customers/acme/hours?period=2026-11').expect(404);
    expect(other.body.message).toBe('no customer acme');
  });

  it('lists months, kept to the caller’s customer and filtered by overrun', async () => {
    expect((await get('/v1/customer-hours').expect(200)).body).toEqual({ items: [november] });
    expect((await get('/v1/customer-hours?overrun=false').expect(200)).body).toEqual({ items: [] });
    expect((await get('/v1/customer-hours?customer=acme&from=2026-11&to=2026-11').expect(200)).body.items).toHaveLength(
      1,
    );
    expect((await asCustomer('globex', '/v1/customer-hours').expect(200)).body).toEqual({ items: [] });
    expect((await asCustomer('acme', '/v1/customer-hours').expect(200)).body).toEqual({ items: [november] });
  });

  it.each([
    ['/v1/incidents?category=weather', /category must be a comma-separated list of/],
    ['/v1/incidents?slaBreached=maybe', /slaBreached must be true or false/],
    [
      '/v1/incidents?disposition=closed',
      /disposition must be a comma-separated list of no_action, returned_to_customer, none/,
    ],
    ['/v1/incidents?reviewRequired=1', /reviewRequired must be true or false/],
    ['/v1/incidents?customerUpdateOverdue=yes', /customerUpdateOverdue must be true or false/],
    ['/v1/incidents?assignee=', /assignee must be 1 to 200 characters/],
    ['/v1/incidents/not-a-uuid/triage-decisions', /id must be a UUID/],
    ['/v1/customers/acme/hours?period=2026-13', /period must be a month, YYYY-MM/],
    ['/v1/customer-hours?from=2026/01', /from must be a month, YYYY-MM/],
    ['/v1/customer-hours?overrun=maybe', /overrun must be true or false/],
    ['/v1/customer-hours?limit=0', /limit must be at least 1/],
  ])('400 for %s, naming the field', async (path, message) => {
    const response = await get(path).expect(400);
    expect(JSON.stringify(response.body.message)).toMatch(message);
  });

  it('the new routes need a token and are in the OpenAPI document', async () => {
    await request(app.getHttpServer()).get('/v1/customer-hours').expect(401);
    await request(app.getHttpServer()).get('/v1/customers/acme/hours').expect(401);
    const document = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining(['/v1/incidents/{id}/triage-decisions', '/v1/customers/{id}/hours', '/v1/customer-hours']),
    );
  });
});
