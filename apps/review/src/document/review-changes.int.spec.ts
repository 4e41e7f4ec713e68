import { createHash, randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { type ChangeRecorded, CHANGE_RECORDED, changeStreamId, type IncidentCommand } from '@incident/domain';
import { EVENT_STORE, type HashChainedEventStore, IncidentCommandHandler } from '@incident/event-store';
import { createPlatformContext, createServiceApp, mintToken, type Role } from '@incident/platform';
import { TEST_JWT_SECRET, testServiceConfig } from '@incident/platform/testing';
import { createTestDatabase, describeWithInfrastructure, kafkaBrokers, type TestDatabase } from '@incident/testing';
import { ReviewModule } from '../review.module';
import { OPENED_AT, urgentResponse } from '../test-support/review-history';

const before = (minutes: number) => new Date(Date.parse(OPENED_AT) - minutes * 60_000).toISOString();

/**
 * Issue 21 in the review: the timeline lists the service's changes in the hour before detection, and the
 * published Markdown, rendered again later, still hashes to what was recorded although a back-dated change
 * arrived since.
 */
describeWithInfrastructure(['postgres', 'kafka'], 'review: the changes before detection', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let store: HashChainedEventStore;
  const incidentId = randomUUID();
  const system = { actor: { kind: 'integration' as const, id: 'alertmanager' }, correlationId: randomUUID() };
  const token = (roles: Role[]) =>
    `Bearer ${mintToken({ secret: TEST_JWT_SECRET, issuer: 'incident-platform' }, { subject: 'carol', roles, expiresIn: '5m' })}`;
  const http = () => request(app.getHttpServer());
  const review = () =>
    http()
      .get(`/v1/incidents/${incidentId}/review`)
      .set('Authorization', token(['responder']));

  async function recordChange(minutesBefore: number, summary: string): Promise<void> {
    const data: ChangeRecorded['data'] = {
      changeId: randomUUID(),
      integrationId: 'ci',
      customerId: 'acme',
      service: 'acme-api',
      changeType: 'deploy',
      summary,
      source: 'github-actions',
      occurredAt: before(minutesBefore),
      details: {},
      links: [],
    };
    const metadata = { occurredAt: data.occurredAt, actor: { kind: 'integration' as const, id: 'ci' } };
    await store.append(
      changeStreamId('acme', 'acme-api'),
      [{ type: CHANGE_RECORDED, data, metadata: { ...metadata, correlationId: randomUUID() } }],
      'any',
    );
  }

  beforeAll(async () => {
    database = await createTestDatabase('review_changes');
    const platform = testServiceConfig('review', { databaseUrl: database.url, kafkaBrokers: kafkaBrokers() });
    app = await createServiceApp(createPlatformContext(platform), ReviewModule);
    await app.init();
    store = app.get<HashChainedEventStore>(EVENT_STORE);
    await recordChange(90, 'Deploy acme-api v1.9');
    await recordChange(15, 'Deploy acme-api v2.0');
    const execute = (command: IncidentCommand) => app.get(IncidentCommandHandler).execute(command, system);
    for (const command of urgentResponse(incidentId)) await execute(command);
    await execute({
      type: 'StartReview',
      data: { incidentId, startedBy: 'carol', startedAt: new Date(Date.parse(OPENED_AT) + 120 * 60_000).toISOString() },
    });
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('lists the deploy of the hour before detection first in the timeline, not the older one', async () => {
    const { body } = await review().expect(200);

    const changes = (body.document.timeline as { kind: string; summary: string; at: string }[]).filter(
      (entry) => entry.kind === 'change',
    );
    expect(changes).toEqual([
      { at: before(15), kind: 'change', summary: 'deploy on acme-api: Deploy acme-api v2.0', by: 'github-actions' },
    ]);
    expect(body.document.timeline[0].kind).toBe('change');
  });

  it('renders the published review again to its recorded hash, though a change was reported after publishing', async () => {
    const read = await review().expect(200);
    const rootCause = await http()
      .post(`/v1/incidents/${incidentId}/review/root-cause`)
      .set('Authorization', token(['responder']))
      .set('If-Match', read.headers['etag'] as string)
      .send({ whys: ['the v2.0 deploy broke the API'], rootCause: 'an untested deploy', fixTerm: 'short_term' })
      .expect(200);
    // Publication needs both sign-offs (review.int.spec.ts tests them over HTTP); recorded directly here.
    for (const role of ['technical_lead', 'project_manager'] as const) {
      const data = { incidentId, role, signedOffBy: 'carol', signedOffAt: new Date().toISOString() };
      await app.get(IncidentCommandHandler).execute({ type: 'SignOffReview', data }, system);
    }
    const revision = (rootCause.body.revision as number) + 2;
    const published = await http()
      .post(`/v1/incidents/${incidentId}/review/publish`)
      .set('Authorization', token(['responder']))
      .set('If-Match', `"${revision}"`)
      .send({ summary: 'A deploy broke the API.' })
      .expect(200);
    // Reported late: stamped 5 minutes before detection, recorded after the publication.
    await recordChange(5, 'Deploy acme-api v2.0.1 (reported late)');

    const markdown = await http()
      .get(`/v1/incidents/${incidentId}/review/published.md`)
      .set('Authorization', token(['auditor']))
      .expect(200);

    expect(markdown.text).toContain('Deploy acme-api v2.0');
    expect(markdown.text).not.toContain('reported late');
    expect(createHash('sha256').update(markdown.text, 'utf8').digest('hex')).toBe(published.body.renderedSha256);
    // The review reads changes as recorded by its history's last event: the published review stays as published.
    const { body } = await review().expect(200);
    expect(JSON.stringify(body.document.timeline)).not.toContain('reported late');
  });
});
