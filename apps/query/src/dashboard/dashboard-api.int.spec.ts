import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { type HashChainedEventStore, INCIDENT_UPCASTERS } from '@incident/event-store';
import { createTestEventStore, type TestEventStore } from '@incident/event-store/testing';
import type { Role } from '@incident/platform';
import { testBearer } from '@incident/platform/testing';
import { appendSyntheticIncidents, type SyntheticIncident } from '@incident/read-models';
import { describeWithInfrastructure } from '@incident/testing';
import { handMadeIncident, type HandMadeIncident } from './test-support/hand-made-incidents';
import { startQueryCaughtUp } from './test-support/start-caught-up';

/**
 * The filters' incidents (January 2027): one matches every filter of the query below, and each decoy differs
 * from it in exactly one field, so only that field's filter can keep the decoy out.
 */
const MATCH: HandMadeIncident = {
  openedAt: '2027-01-05T10:00:00.000Z',
  customerId: 'filter-co',
  service: 'billing',
  drill: false,
  triage: { severity: 'high', owningTeam: 'database' },
  acknowledgedAfter: 3,
};
const FILTER_QUERY = {
  status: 'acknowledged,mitigated',
  severity: 'high',
  team: 'database',
  customer: 'filter-co',
  service: 'billing',
  drill: 'false',
  openedFrom: '2027-01-05T09:00:00.000Z',
  openedTo: '2027-01-05T11:00:00.000Z',
};
const DECOYS: Record<keyof typeof FILTER_QUERY, HandMadeIncident> = {
  status: { ...MATCH, acknowledgedAfter: undefined },
  severity: { ...MATCH, triage: { severity: 'urgent', owningTeam: 'database' } },
  team: { ...MATCH, triage: { severity: 'high', owningTeam: 'network' } },
  customer: { ...MATCH, customerId: 'other-co' },
  service: { ...MATCH, service: 'search' },
  drill: { ...MATCH, drill: true },
  openedFrom: { ...MATCH, openedAt: '2027-01-05T08:30:00.000Z' },
  openedTo: { ...MATCH, openedAt: '2027-01-05T11:30:00.000Z' },
};

/**
 * The figures' incidents (the week of Monday 2026-11-16), minutes after opening:
 *   A infrastructure/urgent, Tue 17th: acknowledged 4, mitigated 20, resolved 30; no breach
 *   B infrastructure/urgent, Wed 18th: acknowledged 10, mitigation SLA breached 40, mitigated 60, resolved 90
 *   C database/high, Wed 18th: acknowledgement SLA breached 1, acknowledged 2; not resolved
 *   D a drill, infrastructure/urgent, Tue 17th: acknowledged 1, mitigated 2, resolved 3; in no figure
 */
const FIGURES: HandMadeIncident[] = [
  {
    openedAt: '2026-11-17T10:00:00.000Z',
    triage: { severity: 'urgent', owningTeam: 'infrastructure' },
    acknowledgedAfter: 4,
    mitigatedAfter: 20,
    resolvedAfter: 30,
  },
  {
    openedAt: '2026-11-18T10:00:00.000Z',
    triage: { severity: 'urgent', owningTeam: 'infrastructure' },
    acknowledgedAfter: 10,
    breach: { sla: 'mitigation', at: 40 },
    mitigatedAfter: 60,
    resolvedAfter: 90,
  },
  {
    openedAt: '2026-11-18T12:00:00.000Z',
    triage: { severity: 'high', owningTeam: 'database' },
    breach: { sla: 'acknowledgement', at: 1 },
    acknowledgedAfter: 2,
  },
  {
    openedAt: '2026-11-17T11:00:00.000Z',
    drill: true,
    triage: { severity: 'urgent', owningTeam: 'infrastructure' },
    acknowledgedAfter: 1,
    mitigatedAfter: 2,
    resolvedAfter: 3,
  },
];

describeWithInfrastructure(['postgres', 'kafka'], 'the dashboard API', () => {
  let eventStore: TestEventStore;
  let store: HashChainedEventStore;
  let app: INestApplication;
  let incidents: SyntheticIncident[];
  let match: string;
  const decoys = new Map<string, string>();
  const handMade: string[] = [];
  const get = (path: string, roles: Role[] = ['responder']) =>
    request(app.getHttpServer()).get(path).set('Authorization', testBearer(roles, 'dash'));

  beforeAll(async () => {
    eventStore = await createTestEventStore('dashboard_api', { store: { upcasters: INCIDENT_UPCASTERS } });
    ({ store } = eventStore);
    incidents = await appendSyntheticIncidents(store, 40);
    match = await handMadeIncident(store, MATCH);
    for (const [filter, spec] of Object.entries(DECOYS)) decoys.set(filter, await handMadeIncident(store, spec));
    for (const spec of FIGURES) handMade.push(await handMadeIncident(store, spec));
    handMade.push(match, ...decoys.values());
    // Longer than any wait below: new events must arrive by the store's NOTIFY, not by polling.
    const variables = { PROJECTION_IDLE_POLL_MS: '20000' };
    app = await startQueryCaughtUp(eventStore, variables);
  });

  afterAll(async () => {
    await app?.close();
    await eventStore?.close();
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
    const all = [...incidents.map((incident) => incident.incidentId), ...handMade];
    expect(seen.map((row) => row.incidentId).sort()).toEqual(all.sort());
    const openedAt = seen.map((row) => row.openedAt);
    expect(openedAt).toEqual([...openedAt].sort().reverse());
  });

  const idsFor = async (query: Record<string, string>) => {
    const response = await get(`/v1/incidents?${new URLSearchParams({ ...query, limit: '200' })}`).expect(200);
    return (response.body.items as { incidentId: string }[]).map((row) => row.incidentId).sort();
  };

  it('filters by status, severity, team, customer, service, drill and opening time: one incident matches all', async () => {
    expect(await idsFor(FILTER_QUERY)).toEqual([match]);
  });

  it.each(Object.keys(FILTER_QUERY))('without the %s filter, its decoy comes back too', async (filter) => {
    const { [filter as keyof typeof FILTER_QUERY]: _dropped, ...rest } = FILTER_QUERY;
    expect(await idsFor(rest)).toEqual([match, decoys.get(filter)!].sort());
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

  it('counts every synthetic response cycle but drills in the month', async () => {
    const response = await get('/v1/metrics/response?from=2025-03-01&to=2025-03-31&period=month').expect(200);
    const figures = response.body.figures as { incidents: number; periodStart: string }[];
    const cycles = incidents
      .filter((incident) => !(incident.events[0]!.data as { drill: boolean }).drill)
      .reduce(
        (sum, incident) => sum + 1 + incident.events.filter((event) => event.type === 'IncidentReopened').length,
        0,
      );
    expect(figures.reduce((sum, row) => sum + row.incidents, 0)).toBe(cycles);
    expect(figures.every((row) => row.periodStart === '2025-03-01')).toBe(true);
  });

  // Worked out by hand from FIGURES: means are over the incidents acknowledged / resolved, drill D left out.
  const database = { team: 'database', severity: 'high' };
  const infrastructure = { team: 'infrastructure', severity: 'urgent' };
  type MeanAndMax = [mean: number, max: number];
  /** A row's counts and response times, the times in FIGURES' minutes (no mttr: none resolved). */
  const responses = (
    counts: [opened: number, acknowledged: number, resolved: number],
    mtta: MeanAndMax,
    mttr?: MeanAndMax,
  ) => ({
    incidents: counts[0],
    acknowledged: counts[1],
    resolved: counts[2],
    mttaSeconds: mtta[0] * 60,
    mttaSecondsMax: mtta[1] * 60,
    mttrSeconds: mttr ? mttr[0] * 60 : null,
    mttrSecondsMax: mttr ? mttr[1] * 60 : null,
  });
  const none = { acknowledgementBreaches: 0, mitigationBreaches: 0, resolutionBreaches: 0 };
  /** A row's SLA figures: the incidents with any breach, the breaches of each SLA (none unless given), compliance. */
  const breaches = (breachedIncidents: number, bySla: Partial<typeof none>, slaCompliance: number) => ({
    breachedIncidents,
    ...none,
    ...bySla,
    slaCompliance,
  });
  const C = { ...database, ...responses([1, 1, 0], [2, 2]), ...breaches(1, { acknowledgementBreaches: 1 }, 0) };

  it('gives MTTA, MTTR, breaches and SLA compliance per team and severity for the week', async () => {
    const response = await get('/v1/metrics/response?from=2026-11-16&to=2026-11-22&period=week').expect(200);
    const AB = responses([2, 2, 2], [(4 + 10) / 2, 10], [(30 + 90) / 2, 90]);
    expect(response.body.figures).toEqual([
      { periodStart: '2026-11-16', ...C },
      { periodStart: '2026-11-16', ...infrastructure, ...AB, ...breaches(1, { mitigationBreaches: 1 }, 0.5) },
    ]);
  });

  it('splits the same incidents by day, and keeps to one team when asked', async () => {
    const byDay = await get('/v1/metrics/response?from=2026-11-16&to=2026-11-22&period=day').expect(200);
    const A = { ...infrastructure, ...responses([1, 1, 1], [4, 4], [30, 30]), ...breaches(0, {}, 1) };
    const B = { ...infrastructure, ...responses([1, 1, 1], [10, 10], [90, 90]) };
    expect(byDay.body.figures).toEqual([
      { periodStart: '2026-11-17', ...A },
      { periodStart: '2026-11-18', ...C },
      { periodStart: '2026-11-18', ...B, ...breaches(1, { mitigationBreaches: 1 }, 0) },
    ]);
    const team = await get('/v1/metrics/response?from=2026-11-16&to=2026-11-22&period=week&team=database');
    expect(team.body.figures).toEqual([{ periodStart: '2026-11-16', ...C }]);
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
        '/v1/directory',
      ]),
    );
    expect(document.body.components.securitySchemes).toHaveProperty('bearer');
    const ui = await request(app.getHttpServer()).get('/docs').expect(200);
    expect(ui.text).toMatch(/swagger/i);
  });
});
