import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { incidentStreamId } from '@incident/domain';
import { generateSigningKey, parseSigningKey, verifyEvidenceBundle } from '@incident/event-store';
import { createTestEventStore, type TestEventStore } from '@incident/event-store/testing';
import type { Role } from '@incident/platform';
import { startTestService, testBearer } from '@incident/platform/testing';
import { describeWithInfrastructure, kafkaBrokers, testKafka, uniqueName } from '@incident/testing';
import type { Kafka } from 'kafkajs';
import { anchorStore } from '../test-support/anchor-store';
import { AuditModule } from './audit.module';

describeWithInfrastructure(['postgres', 'kafka'], 'the auditor API: anchored verification and evidence bundles', () => {
  const key = parseSigningKey(generateSigningKey());
  const [cut, intact] = [randomUUID(), randomUUID()];
  let eventStore: TestEventStore;
  let kafka: Kafka;
  let prefix: string;
  let app: INestApplication;
  let keyless: INestApplication;
  const get = (path: string, roles: Role[] = ['auditor'], on = () => app) =>
    request(on().getHttpServer()).get(path).set('Authorization', testBearer(roles, 'auditor-1'));

  async function note(incidentId: string, count: number): Promise<void> {
    for (let revision = 0; revision < count; revision++) {
      await eventStore.store.append(
        incidentStreamId(incidentId),
        [
          {
            type: 'IncidentNoted',
            data: { incidentId, note: `note ${revision}` },
            metadata: {
              occurredAt: new Date().toISOString(),
              actor: { kind: 'user', id: 'alice' },
              correlationId: 'c',
            },
          },
        ],
        revision === 0 ? 'no_stream' : revision - 1,
      );
    }
  }

  beforeAll(async () => {
    eventStore = await createTestEventStore('audit_anchored');
    kafka = testKafka('query-audit-anchors');
    prefix = `${uniqueName('query-anchors')}.`;
    await note(cut, 6);
    await note(intact, 3);
    await anchorStore({ store: eventStore.store, kafka, prefix, key });
    const environment = { databaseUrl: eventStore.database.url, kafkaBrokers: kafkaBrokers() };
    // The query verifies with the public key only: it never needs the key that signs.
    app = await startTestService('query', AuditModule, {
      ...environment,
      variables: { KAFKA_TOPIC_PREFIX: prefix, AUDIT_PUBLIC_KEY: key.verifyKey.encoded },
    });
    keyless = await startTestService('query', AuditModule, {
      ...environment,
      variables: { KAFKA_TOPIC_PREFIX: prefix },
    });
  });

  afterAll(async () => {
    await app?.close();
    await keyless?.close();
    await eventStore?.close();
    const admin = kafka.admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    await admin.disconnect();
  });

  it('holds an intact incident to its anchors', async () => {
    const response = await get(`/v1/incidents/${intact}/verify?anchored=true`).expect(200);
    expect(response.body).toMatchObject({
      incidentId: intact,
      ok: true,
      events: 3,
      anchored: { sequence: 0, revision: 2 },
      unanchoredEvents: 0,
      problems: [],
      anchorChain: { ok: true, anchors: 1, problems: [] },
    });
  });

  it('names the revisions a superuser deleted, which the hash chain alone cannot see', async () => {
    const admin = new Client({ connectionString: eventStore.database.url });
    await admin.connect();
    try {
      await admin.query('ALTER TABLE event_store.events DISABLE TRIGGER events_append_only');
      await admin.query('DELETE FROM event_store.events WHERE stream_id = $1 AND stream_revision >= 3', [
        incidentStreamId(cut),
      ]);
    } finally {
      await admin.end();
    }
    expect((await get(`/v1/incidents/${cut}/verify`).expect(200)).body).toMatchObject({ ok: true, events: 3 });
    const anchored = await get(`/v1/incidents/${cut}/verify?anchored=true`).expect(200);
    expect(anchored.body).toMatchObject({ ok: false, chain: { ok: true }, anchorChain: { ok: true } });
    expect(anchored.body.problems).toEqual([
      expect.objectContaining({
        kind: 'missing-tail',
        anchoredRevision: 5,
        storeEndsAt: 2,
        message: expect.stringMatching(/^revision 5 anchored at \S+ \(anchor #0\), the store ends at 2$/),
      }),
    ]);
  });

  it('serves a bundle as a file that verifies offline, and not with one byte changed', async () => {
    const response = await get(`/v1/incidents/${intact}/bundle`).expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="incident-${intact}.bundle.json"`);
    const text = response.text;
    expect(verifyEvidenceBundle(text, key.verifyKey.keyId)).toMatchObject({ ok: true, events: 3, anchoredRevision: 2 });
    const at = text.indexOf('"signature":"') + '"signature":"'.length;
    const changed = `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
    expect(verifyEvidenceBundle(changed, key.verifyKey.keyId).problems).toEqual([
      expect.stringMatching(/anchor #0 \(\S+\): its signature does not verify/),
    ]);
  });

  it('refuses bad input, strangers and responders, and says when it has no key', async () => {
    await get(`/v1/incidents/${intact}/verify?anchored=maybe`).expect(400);
    await request(app.getHttpServer()).get(`/v1/incidents/${intact}/bundle`).expect(401);
    await get(`/v1/incidents/${intact}/bundle`, ['responder']).expect(403);
    await get(`/v1/incidents/${randomUUID()}/verify?anchored=true`).expect(404);
    await get(`/v1/incidents/${randomUUID()}/bundle`).expect(404);
    const noKey = await get(`/v1/incidents/${intact}/verify?anchored=true`, ['auditor'], () => keyless).expect(503);
    expect(noKey.body.message).toMatch(/needs AUDIT_PUBLIC_KEY/);
  });
});
