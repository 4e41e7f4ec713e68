import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { INCIDENT_UPCASTERS } from '@incident/event-store';
import { createTestEventStore, type TestEventStore } from '@incident/event-store/testing';
import { testBearer, testCustomerBearer } from '@incident/platform/testing';
import { describeWithInfrastructure } from '@incident/testing';
import { handMadeIncident } from './test-support/hand-made-incidents';
import { startQueryCaughtUp } from './test-support/start-caught-up';

/** Two of acme's incidents and one of globex's, each acknowledged so its timeline has more than one entry. */
const OPENED = ['2027-02-01T10:00:00.000Z', '2027-02-02T10:00:00.000Z', '2027-02-03T10:00:00.000Z'];

describeWithInfrastructure(['postgres', 'kafka'], 'the query API for a customer token', () => {
  let eventStore: TestEventStore;
  let app: INestApplication;
  const acme: string[] = [];
  let globex: string;
  const asAcme = (path: string) =>
    request(app.getHttpServer()).get(path).set('Authorization', testCustomerBearer('acme'));

  beforeAll(async () => {
    eventStore = await createTestEventStore('query_customer_scope', { store: { upcasters: INCIDENT_UPCASTERS } });
    const { store } = eventStore;
    const made = (customerId: string, openedAt: string) =>
      handMadeIncident(store, {
        customerId,
        openedAt,
        triage: { severity: 'high', owningTeam: 'database' },
        acknowledgedAfter: 2,
      });
    acme.push(await made('acme', OPENED[0]!), await made('acme', OPENED[2]!));
    globex = await made('globex', OPENED[1]!);
    app = await startQueryCaughtUp(eventStore);
  });

  afterAll(async () => {
    await app?.close();
    await eventStore?.close();
  });

  const ids = (body: { items: { incidentId: string }[] }) => body.items.map((item) => item.incidentId).sort();

  it("lists only its own customer's incidents, whatever customer filter it asks for", async () => {
    expect(ids((await asAcme('/v1/incidents').expect(200)).body)).toEqual([...acme].sort());
    expect(ids((await asAcme('/v1/incidents?customer=globex').expect(200)).body)).toEqual([]);
    const staff = await request(app.getHttpServer())
      .get('/v1/incidents')
      .set('Authorization', testBearer(['responder']))
      .expect(200);
    expect(ids(staff.body)).toEqual([...acme, globex].sort());
  });

  it('pages through its own incidents only', async () => {
    const first = await asAcme('/v1/incidents?limit=1').expect(200);
    const second = await asAcme(`/v1/incidents?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect([...ids(first.body), ...ids(second.body)].sort()).toEqual([...acme].sort());
    expect(second.body.nextCursor).toBeNull();
  });

  it('reads the detail and timeline of its own incident', async () => {
    const [own] = acme;
    const detail = await asAcme(`/v1/incidents/${own}`).expect(200);
    expect(detail.body.customerId).toBe('acme');
    const timeline = await asAcme(`/v1/incidents/${own}/timeline`).expect(200);
    expect(timeline.body.entries.map((entry: { eventType: string }) => entry.eventType)).toEqual([
      'IncidentOpened',
      'IncidentTriaged',
      'IncidentAcknowledged',
    ]);
  });

  it.each(['', '/timeline'])("answers another customer's incident%s 404, exactly as an unknown id", async (suffix) => {
    const unknown = '7b0c8a52-1f7e-4b8e-9a51-3c2f0f6d7e11';
    const other = await asAcme(`/v1/incidents/${globex}${suffix}`).expect(404);
    const missing = await asAcme(`/v1/incidents/${unknown}${suffix}`).expect(404);
    expect(other.body.message).toBe(`no incident ${globex}`);
    expect({ ...other.body, message: '', correlationId: '' }).toEqual({
      ...missing.body,
      message: '',
      correlationId: '',
    });
  });

  it.each(['history', 'state', 'verify'])(
    'refuses the auditor endpoint %s (403), for its own incident too',
    async (endpoint) => {
      const refused = await asAcme(`/v1/incidents/${acme[0]}/${endpoint}`).expect(403);
      expect(refused.body.message).toMatch(/requires role auditor/);
    },
  );

  it('refuses the response metrics (403): they are figures across every customer', async () => {
    const refused = await asAcme('/v1/metrics/response').expect(403);
    expect(refused.body.message).toMatch(/requires role responder or auditor/);
  });
});
