import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { incidentDecider, type IncidentCommand, incidentStreamId } from '@incident/domain';
import { INCIDENT_UPCASTERS, handleCommand } from '@incident/event-store';
import { createTestEventStore, type TestEventStore } from '@incident/event-store/testing';
import type { Role } from '@incident/platform';
import { startTestService, testBearer } from '@incident/platform/testing';
import { describeWithInfrastructure, kafkaBrokers } from '@incident/testing';
import { AuditModule } from './audit.module';

const T = (minute: number) => new Date(Date.UTC(2026, 10, 22, 4, minute)).toISOString();

describeWithInfrastructure(['postgres', 'kafka'], 'the auditor API (reads the event store)', () => {
  let eventStore: TestEventStore;
  let app: INestApplication;
  const incidentId = randomUUID();
  const get = (path: string, roles: Role[] = ['auditor']) =>
    request(app.getHttpServer()).get(path).set('Authorization', testBearer(roles, 'auditor-1'));

  beforeAll(async () => {
    // The platform records at minutes 1, 11 and 21: three moments to ask about. The store is the one the
    // services build (createEventStore: the platform's upcasters, hence today's schema versions), with a pinned clock.
    let clock = new Date(T(1));
    eventStore = await createTestEventStore('audit_api', {
      store: { upcasters: INCIDENT_UPCASTERS, now: () => clock },
    });
    const { store } = eventStore;
    const run = (command: IncidentCommand) =>
      handleCommand(store, incidentDecider, incidentStreamId(incidentId), command, {
        occurredAt: clock.toISOString(),
        actor: { kind: 'user', id: 'alice' },
        correlationId: 'c-1',
      });
    await run({
      type: 'OpenIncident',
      data: {
        incidentId,
        dedupKey: 'db-disk',
        source: 'alertmanager',
        customerId: 'acme',
        service: 'db',
        title: 'Disk full on db-1',
        drill: true,
        alertId: 'alert-7',
        openedAt: T(0),
      },
    });
    clock = new Date(T(11));
    await run({ type: 'AcknowledgeIncident', data: { incidentId, responderId: 'alice', acknowledgedAt: T(10) } });
    clock = new Date(T(21));
    await run({
      type: 'MitigateIncident',
      data: { incidentId, mitigatedBy: 'alice', summary: 'freed space', mitigatedAt: T(20) },
    });
    await run({
      type: 'ResolveIncident',
      data: { incidentId, resolvedBy: 'alice', summary: 'disk grown', resolvedAt: T(20) },
    });

    app = await startTestService('query', AuditModule, {
      databaseUrl: eventStore.database.url,
      kafkaBrokers: kafkaBrokers(),
    });
  });

  afterAll(async () => {
    await app?.close();
    await eventStore?.close();
  });

  it('returns every event with revision, position, metadata and hash', async () => {
    const response = await get(`/v1/incidents/${incidentId}/history`).expect(200);
    const events = response.body.events as {
      revision: number;
      type: string;
      position: string;
      hash: string;
      prevHash: string;
    }[];
    expect(events.map((e) => [e.revision, e.type])).toEqual([
      [0, 'IncidentOpened'],
      [1, 'IncidentAcknowledged'],
      [2, 'IncidentMitigated'],
      [3, 'IncidentResolved'],
    ]);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(BigInt(events[3]!.position)).toBeGreaterThan(BigInt(events[0]!.position));
    // What an IncidentOpened stamped with the wrong schema version would lose on its way through the upcaster.
    expect(response.body.events[0]).toMatchObject({
      schemaVersion: 2,
      data: { customerId: 'acme', drill: true, alertId: 'alert-7' },
    });
    expect(response.body.events[0].metadata).toMatchObject({
      actor: { kind: 'user', id: 'alice' },
      correlationId: 'c-1',
    });
  });

  it.each([
    [T(5), 'triggered', 0],
    [T(15), 'acknowledged', 1],
    [T(30), 'resolved', 3],
  ])('rebuilds the state as recorded at %s: %s', async (at, status, revision) => {
    const response = await get(`/v1/incidents/${incidentId}/state?at=${encodeURIComponent(at)}`).expect(200);
    expect(response.body).toMatchObject({ incidentId, revision, state: { status, customerId: 'acme', drill: true } });
  });

  it('rebuilds the state at a revision, and before the first event', async () => {
    expect((await get(`/v1/incidents/${incidentId}/state?revision=2`).expect(200)).body.state.status).toBe('mitigated');
    const before = await get(`/v1/incidents/${incidentId}/state?at=${encodeURIComponent(T(0))}`).expect(200);
    expect(before.body).toMatchObject({ revision: -1, eventsApplied: 0, state: { status: 'initial' } });
  });

  it('verifies the chain, and names the revision altered directly in PostgreSQL', async () => {
    expect((await get(`/v1/incidents/${incidentId}/verify`).expect(200)).body).toMatchObject({ ok: true, events: 4 });
    const admin = new Client({ connectionString: eventStore.database.url });
    await admin.connect();
    try {
      await admin.query('ALTER TABLE event_store.events DISABLE TRIGGER events_append_only');
      await admin.query(
        `UPDATE event_store.events SET data = jsonb_set(data::jsonb, '{summary}', '"nothing happened"')
         WHERE stream_id = $1 AND stream_revision = 2`,
        [incidentStreamId(incidentId)],
      );
    } finally {
      await admin.end();
    }
    const verdict = await get(`/v1/incidents/${incidentId}/verify`).expect(200);
    expect(verdict.body).toMatchObject({ ok: false, firstBrokenRevision: 2 });
  });

  it('answers 401 without a token, 403 to a responder, and lets an admin in', async () => {
    await request(app.getHttpServer()).get(`/v1/incidents/${incidentId}/history`).expect(401);
    const refused = await get(`/v1/incidents/${incidentId}/history`, ['responder']).expect(403);
    expect(refused.body.message).toMatch(/requires role auditor/);
    await get(`/v1/incidents/${incidentId}/verify`, ['admin']).expect(200);
  });

  it('names bad input with 400 and unknown incidents with 404', async () => {
    expect((await get('/v1/incidents/not-a-uuid/history').expect(400)).body.message).toBe('id must be a UUID');
    const badTime = await get(`/v1/incidents/${incidentId}/state?at=yesterday`).expect(400);
    expect(JSON.stringify(badTime.body.message)).toMatch(/at must be an ISO 8601 time/);
    await get(`/v1/incidents/${incidentId}/state?at=${encodeURIComponent(T(1))}&revision=1`).expect(400);
    await get(`/v1/incidents/${randomUUID()}/history`).expect(404);
  });
});
