import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { HashChainedEventStore, INCIDENT_UPCASTERS, PostgresEventStoreAdapter } from '@incident/event-store';
import { createPlatformContext, createServiceApp, loadConfig, mintToken, type Role } from '@incident/platform';
import {
  PROJECTIONS,
  appendSyntheticIncidents,
  eventLogHead,
  openReadModels,
  projectionStatus,
  type SyntheticIncident,
} from '@incident/read-models';
import { createTestDatabase, describeWithInfrastructure, kafkaBrokers, type TestDatabase } from '@incident/testing';
import { QueryModule } from '../query.module';

const SECRET = 'dashboard-api-test-secret-0123456789abcd';

describeWithInfrastructure(['postgres', 'kafka'], 'the dashboard API', () => {
  let database: TestDatabase;
  let store: HashChainedEventStore;
  let app: INestApplication;
  let incidents: SyntheticIncident[];
  const bearer = (roles: Role[]) =>
    `Bearer ${mintToken({ secret: SECRET, issuer: 'incident-platform' }, { subject: 'dash', roles, expiresIn: '5m' })}`;
  const get = (path: string, roles: Role[] = ['responder']) =>
    request(app.getHttpServer()).get(path).set('Authorization', bearer(roles));

  beforeAll(async () => {
    database = await createTestDatabase('dashboard_api');
    const adapter = await PostgresEventStoreAdapter.connect({ connectionString: database.url });
    store = new HashChainedEventStore(adapter, { upcasters: INCIDENT_UPCASTERS });
    incidents = await appendSyntheticIncidents(store, 40);
    const config = loadConfig('query', {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      AUTH_JWT_SECRET: SECRET,
      LOG_LEVEL: 'silent',
      // Longer than any wait below: new events must arrive by the store's NOTIFY, not by polling.
      PROJECTION_IDLE_POLL_MS: '20000',
    });
    app = await createServiceApp(createPlatformContext(config), QueryModule);
    await app.init();
    // The projections run inside the app; wait for them as a dashboard would, by their lag.
    const dataSource = await openReadModels({ databaseUrl: database.url });
    try {
      while ((await projectionStatus(dataSource, eventLogHead(store), PROJECTIONS)).some((s) => s.behind > 0)) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await dataSource.destroy();
    }
  });

  afterAll(async () => {
    await app?.close();
    await store?.close();
    await database?.drop();
  });

  it.each(['/v1/incidents', `/v1/incidents/${'0'.repeat(8)}-0000-4000-8000-000000000000`, '/v1/metrics/response'])(
    '%s needs a bearer token (401)',
    async (path) => {
      const response = await request(app.getHttpServer()).get(path).expect(401);
      expect(response.body.message).toMatch(/bearer token/);
    },
  );

  it.each<Role>(['responder', 'auditor', 'admin'])('lets a %s read', async (role) => {
    await get('/v1/incidents?limit=1', [role]).expect(200);
  });

  it('pages through every incident, newest first, with an opaque cursor', async () => {
    const seen: { incidentId: string; openedAt: string }[] = [];
    let cursor: string | null = null;
    do {
      const path = `/v1/incidents?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const response = await get(path).expect(200);
      seen.push(...(response.body.items as typeof seen));
      cursor = response.body.nextCursor as string | null;
    } while (cursor);
    expect(seen.map((row) => row.incidentId).sort()).toEqual(incidents.map((incident) => incident.incidentId).sort());
    const openedAt = seen.map((row) => row.openedAt);
    expect(openedAt).toEqual([...openedAt].sort().reverse());
  });

  it('filters by status, severity, team, customer, service, drill and opening time', async () => {
    const all = (await get('/v1/incidents?limit=200').expect(200)).body.items as Record<string, unknown>[];
    const sample = all.find((row) => row['team'] !== null && row['severity'] !== null)!;
    const query = new URLSearchParams({
      status: `${sample['status']},triggered`,
      severity: String(sample['severity']),
      team: String(sample['team']),
      customer: String(sample['customerId']),
      service: String(sample['service']),
      drill: String(sample['drill']),
      openedFrom: String(sample['openedAt']),
      openedTo: new Date(Date.parse(String(sample['openedAt'])) + 1).toISOString(),
    });
    const filtered = (await get(`/v1/incidents?${query}`).expect(200)).body.items as Record<string, unknown>[];
    expect(filtered.map((row) => row['incidentId'])).toEqual([sample['incidentId']]);
    const drills = (await get('/v1/incidents?drill=true&limit=200').expect(200)).body.items as { drill: boolean }[];
    expect(drills.length).toBeGreaterThan(0);
    expect(drills.every((row) => row.drill)).toBe(true);
  });

  it('returns one incident and its timeline in stream order; 404 for an unknown one', async () => {
    const incident = incidents[0]!;
    const one = await get(`/v1/incidents/${incident.incidentId}`).expect(200);
    expect(one.body).toMatchObject({
      incidentId: incident.incidentId,
      title: 'Synthetic incident 0',
      customerId: 'customer-0',
    });
    const timeline = await get(`/v1/incidents/${incident.incidentId}/timeline`).expect(200);
    expect(timeline.body.entries).toHaveLength(incident.events.length);
    expect(timeline.body.entries.map((entry: { eventType: string }) => entry.eventType)).toEqual(
      incident.events.map((event) => event.type),
    );
    expect(timeline.body.entries[0].summary).toMatch(/^Drill opened from alertmanager|^Opened from alertmanager/);
    const page = await get(`/v1/incidents/${incident.incidentId}/timeline?fromRevision=2&limit=3`).expect(200);
    expect(page.body).toMatchObject({ nextFromRevision: 5 });
    const unknown = '7b0c8a52-1f7e-4b8e-9a51-3c2f0f6d7e11';
    await get(`/v1/incidents/${unknown}`).expect(404);
    await get(`/v1/incidents/${unknown}/timeline`).expect(404);
  });

  it('gives MTTA, MTTR and SLA figures by team, severity and period, drills excluded', async () => {
    const response = await get('/v1/metrics/response?from=2025-03-01&to=2025-03-31&period=month').expect(200);
    const figures = response.body.figures as { incidents: number; periodStart: string; mttaSeconds: number | null }[];
    const cycles = incidents
      .filter((incident) => !(incident.events[0]!.data as { drill: boolean }).drill)
      .reduce(
        (sum, incident) => sum + 1 + incident.events.filter((event) => event.type === 'IncidentReopened').length,
        0,
      );
    expect(figures.reduce((sum, row) => sum + row.incidents, 0)).toBe(cycles);
    expect(figures.every((row) => row.periodStart === '2025-03-01')).toBe(true);
    expect(figures.some((row) => row.mttaSeconds !== null && row.mttaSeconds > 0)).toBe(true);
  });

  it.each([
    ['/v1/incidents?status=bogus', /status must be a comma-separated list/],
    ['/v1/incidents?severity=urgent,catastrophic', /severity must be/],
    ['/v1/incidents?limit=0', /limit must be at least 1/],
    ['/v1/incidents?drill=maybe', /drill must be true or false/],
    ['/v1/incidents?openedFrom=yesterday', /openedFrom must be an ISO 8601 time/],
    ['/v1/incidents?cursor=garbage', /cursor/],
    ['/v1/incidents?colour=red', /property colour should not exist/],
    ['/v1/incidents/not-a-uuid', /id must be a UUID/],
    ['/v1/metrics/response?period=year', /period must be one of day, week, month/],
    ['/v1/metrics/response?from=2025-02-30', /from is not a calendar day/],
    ['/v1/metrics/response?from=2025-03-02&to=2025-03-01', /from must not be after to/],
  ])('400 for %s, naming the field', async (path, message) => {
    const response = await get(path).expect(400);
    expect(JSON.stringify(response.body.message)).toMatch(message);
  });

  it('shows an incident appended while the service runs, woken by the store rather than a slow poll', async () => {
    const [fresh] = await appendSyntheticIncidents(store, 1, { firstIndex: 1000, slices: 1 });
    const started = Date.now();
    let status = 404;
    while (status === 404 && Date.now() - started < 5_000) {
      status = (await get(`/v1/incidents/${fresh!.incidentId}`)).status;
      if (status === 404) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toBe(200);
    console.log(`appended incident visible in the dashboard API after ${Date.now() - started} ms`);
  });

  it('serves the OpenAPI document and Swagger UI without a token', async () => {
    const document = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/incidents',
        '/v1/incidents/{id}',
        '/v1/incidents/{id}/timeline',
        '/v1/metrics/response',
      ]),
    );
    expect(document.body.components.securitySchemes).toHaveProperty('bearer');
    const ui = await request(app.getHttpServer()).get('/docs').expect(200);
    expect(ui.text).toMatch(/swagger/i);
  });
});
