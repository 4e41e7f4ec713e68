import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { IncidentCommand } from '@incident/domain';
import { IncidentCommandHandler, INCIDENT_UPCASTERS } from '@incident/event-store';
import { createTestEventStore, type TestEventStore } from '@incident/event-store/testing';
import type { Role } from '@incident/platform';
import { testBearer, testCustomerBearer } from '@incident/platform/testing';
import { describeWithInfrastructure } from '@incident/testing';
import { startQueryCaughtUp } from '../dashboard/test-support/start-caught-up';

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const context = { actor: { kind: 'system' as const, id: 'escalation' }, correlationId: 'test' };

describeWithInfrastructure(['postgres', 'kafka'], 'query: pages and SLA clocks at risk (issue 15)', () => {
  let eventStore: TestEventStore;
  let app: INestApplication;
  const dueSoon = randomUUID();
  const drill = randomUUID();
  const acknowledged = randomUUID();

  beforeAll(async () => {
    eventStore = await createTestEventStore('escalation_views', { store: { upcasters: INCIDENT_UPCASTERS } });
    const commands = new IncidentCommandHandler(eventStore.store);
    const run = (command: IncidentCommand) => commands.execute(command, context);
    for (const incidentId of [dueSoon, drill, acknowledged]) {
      await run({
        type: 'OpenIncident',
        data: {
          incidentId,
          dedupKey: incidentId,
          source: 'test',
          customerId: 'acme',
          service: 'checkout-api',
          title: 'Checkout API is down',
          drill: incidentId === drill,
          openedAt: minutesFromNow(-2),
        },
      });
      await run({
        type: 'TriageIncident',
        data: {
          incidentId,
          severity: 'urgent',
          category: 'availability.downtime',
          owningTeam: 'infrastructure',
          ruleId: 'test',
          triagedAt: minutesFromNow(-2),
        },
      });
      // Acknowledgement due in 3 minutes, resolution in 238.
      await run({
        type: 'StartSlaClocks',
        data: {
          incidentId,
          clocks: [
            { sla: 'acknowledgement', targetMinutes: 5 },
            { sla: 'resolution', targetMinutes: 240 },
          ],
          startedAt: minutesFromNow(-2),
        },
      });
    }
    await run({
      type: 'AcknowledgeIncident',
      data: { incidentId: acknowledged, responderId: 'alice', acknowledgedAt: minutesFromNow(-1) },
    });
    const page = { pageId: '0.1.alice', target: 'alice', idempotencyKey: `page:${dueSoon}:0:1:1:alice` };
    await run({
      type: 'RequestPages',
      data: { incidentId: dueSoon, level: 1, attempt: 1, pages: [page], requestedAt: minutesFromNow(-2) },
    });
    await run({
      type: 'RecordPageDelivery',
      data: { incidentId: dueSoon, pageId: page.pageId, channel: 'webhook:webhook', deliveredAt: minutesFromNow(-2) },
    });
    app = await startQueryCaughtUp(eventStore);
  });

  afterAll(async () => {
    await app?.close();
    await eventStore?.close();
  });

  const get = (path: string, authorization = testBearer(['responder'])) =>
    request(app.getHttpServer()).get(path).set('Authorization', authorization);

  it('lists running clocks due within the window, soonest first, drills and met clocks left out', async () => {
    const soon = await get('/v1/sla/at-risk?withinMinutes=10').expect(200);
    expect(soon.body.items).toMatchObject([{ incidentId: dueSoon, sla: 'acknowledgement', targetMinutes: 5 }]);
    const later = await get('/v1/sla/at-risk?withinMinutes=300').expect(200);
    expect(later.body.items.map((clock: { incidentId: string; sla: string }) => [clock.incidentId, clock.sla])).toEqual(
      [
        [dueSoon, 'acknowledgement'],
        [dueSoon, 'resolution'],
        [acknowledged, 'resolution'],
      ],
    );
  });

  it("shows an incident's pages as delivered", async () => {
    const pages = await get(`/v1/incidents/${dueSoon}/pages`).expect(200);
    expect(pages.body.items).toMatchObject([
      { responderId: 'alice', channel: 'webhook:webhook', escalationLevel: 1, outcome: 'pending' },
    ]);
  });

  it.each<[string, string, number]>([
    ['a bad window', '/v1/sla/at-risk?withinMinutes=soon', 400],
    ['an auditor', '/v1/sla/at-risk?withinMinutes=5', 200],
    ['a customer', '/v1/sla/at-risk?withinMinutes=5', 403],
  ])('answers %s asking %s with %i', async (who, path, status) => {
    const roles: Role[] = who === 'an auditor' ? ['auditor'] : ['responder'];
    const authorization = who === 'a customer' ? testCustomerBearer('acme') : testBearer(roles);
    await get(path, authorization).expect(status);
  });
});
