import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { type ChangeRecorded, CHANGE_RECORDED, changeStreamId } from '@incident/domain';
import { type EventStore, INCIDENT_UPCASTERS } from '@incident/event-store';
import { createTestEventStore, type TestEventStore } from '@incident/event-store/testing';
import { testBearer, testCustomerBearer } from '@incident/platform/testing';
import { describeWithInfrastructure } from '@incident/testing';
import { handMadeIncident } from '../dashboard/test-support/hand-made-incidents';
import { startQueryCaughtUp } from '../dashboard/test-support/start-caught-up';

const OPENED = '2027-02-01T10:00:00.000Z';
const before = (minutes: number) => new Date(Date.parse(OPENED) - minutes * 60_000).toISOString();

async function recordChange(store: EventStore, customerId: string, service: string, minutesBefore: number) {
  const data: ChangeRecorded['data'] = {
    changeId: randomUUID(),
    integrationId: 'ci',
    customerId,
    service,
    changeType: 'deploy',
    summary: `deploy ${service} ${minutesBefore} minutes before`,
    source: 'ci',
    occurredAt: before(minutesBefore),
    details: {},
    links: [],
  };
  await store.append(
    changeStreamId(customerId, service),
    [
      {
        type: CHANGE_RECORDED,
        data,
        metadata: {
          occurredAt: data.occurredAt,
          actor: { kind: 'integration', id: 'ci' },
          correlationId: randomUUID(),
        },
      },
    ],
    'any',
  );
}

/** GET /v1/changes and /v1/incidents/:id/changes over the projected recent_changes: roles, scope, windows, 4xx. */
describeWithInfrastructure(['postgres', 'kafka'], 'the query API for changes', () => {
  let eventStore: TestEventStore;
  let app: INestApplication;
  let acmeIncident: string;
  const get = (path: string, authorization = testBearer(['responder'])) =>
    request(app.getHttpServer()).get(path).set('Authorization', authorization);

  beforeAll(async () => {
    eventStore = await createTestEventStore('query_changes', { store: { upcasters: INCIDENT_UPCASTERS } });
    const { store } = eventStore;
    for (const minutes of [90, 45, 10, -5]) await recordChange(store, 'acme', 'billing', minutes);
    await recordChange(store, 'acme', 'search', 10);
    await recordChange(store, 'globex', 'billing', 10);
    acmeIncident = await handMadeIncident(store, { customerId: 'acme', service: 'billing', openedAt: OPENED });
    app = await startQueryCaughtUp(eventStore);
  });

  afterAll(async () => {
    await app?.close();
    await eventStore?.close();
  });

  const summaries = (body: { items: { summary: string }[] }) => body.items.map((item) => item.summary);

  it("shows the changes of the incident's service in the hour before detection, nearest first", async () => {
    const response = await get(`/v1/incidents/${acmeIncident}/changes`).expect(200);

    expect(response.body).toMatchObject({
      incidentId: acmeIncident,
      customerId: 'acme',
      service: 'billing',
      detectedAt: OPENED,
      windowMinutes: 60,
      from: before(60),
    });
    expect(summaries(response.body)).toEqual(['deploy billing 10 minutes before', 'deploy billing 45 minutes before']);
    expect(response.body.items[0].minutesBeforeDetection).toBe(10);
  });

  it('looks further back when asked, and refuses a window it does not serve', async () => {
    const wider = await get(`/v1/incidents/${acmeIncident}/changes?minutes=120`).expect(200);
    expect(summaries(wider.body)).toHaveLength(3);
    const refused = await get(`/v1/incidents/${acmeIncident}/changes?minutes=0`).expect(400);
    expect(JSON.stringify(refused.body)).toContain('minutes must be at least 1');
  });

  it('lists changes by service, customer and time window', async () => {
    const billing = await get(`/v1/changes?customer=acme&service=billing&from=${before(60)}&to=${OPENED}`).expect(200);
    const everyone = await get(`/v1/changes?from=${before(15)}&to=${before(5)}`).expect(200);

    expect(summaries(billing.body)).toEqual(['deploy billing 10 minutes before', 'deploy billing 45 minutes before']);
    expect(everyone.body.items.map((item: { customerId: string; service: string }) => item.service)).toHaveLength(3);
  });

  it('names a bad filter in a 400', async () => {
    const badTime = await get('/v1/changes?from=yesterday').expect(400);
    const reversed = await get(`/v1/changes?from=${OPENED}&to=${before(60)}`).expect(400);

    expect(JSON.stringify(badTime.body)).toContain('from must be an ISO 8601 time');
    expect(reversed.body.message).toBe('from must not be after to');
  });

  it("keeps a customer's token to its own changes, and another customer's incident is 404", async () => {
    const globex = testCustomerBearer('globex');
    const listed = await get('/v1/changes?customer=acme', globex).expect(200);
    const own = await get('/v1/changes', globex).expect(200);

    expect(listed.body.items).toEqual([]);
    expect(own.body.items.map((item: { customerId: string }) => item.customerId)).toEqual(['globex']);
    await get(`/v1/incidents/${acmeIncident}/changes`, globex).expect(404);
    await get(`/v1/incidents/${acmeIncident}/changes`, testCustomerBearer('acme')).expect(200);
  });

  it('needs a token, and answers 404 for an unknown incident', async () => {
    await request(app.getHttpServer()).get('/v1/changes').expect(401);
    await get(`/v1/incidents/${randomUUID()}/changes`).expect(404);
    await get('/v1/incidents/not-a-uuid/changes').expect(400);
  });
});
