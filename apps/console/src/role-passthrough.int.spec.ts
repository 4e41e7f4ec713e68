import { createTestEventStore, type TestEventStore } from '@incident/event-store/testing';
import { type BuiltServiceProcess, describeWithInfrastructure } from '@incident/testing';
import { ConsoleProcess } from './test-support/console-process';
import { openIncident } from './test-support/incidents';
import { startService } from './test-support/service-processes';
import { signIn } from './test-support/signed-in-client';
import { SseReader } from './test-support/sse-reader';

type Service = BuiltServiceProcess & { readonly url: string };

describeWithInfrastructure(['postgres', 'kafka'], 'the console acting through escalation', () => {
  let events: TestEventStore;
  let query: Service;
  let escalation: Service;
  let console: ConsoleProcess;

  beforeAll(async () => {
    events = await createTestEventStore('console_roles');
    query = await startService('query', events.database.url);
    escalation = await startService('escalation', events.database.url);
    console = await ConsoleProcess.start({
      databaseUrl: events.database.url,
      upstreams: { query: query.url, escalation: escalation.url },
    });
  });

  afterAll(async () => {
    await console?.kill('SIGTERM');
    await escalation?.kill('SIGTERM');
    await query?.kill('SIGTERM');
    await events?.close();
  });

  it("refuses an auditor's acknowledge in escalation (403), and a responder's reaches the live list", async () => {
    const incidentId = await openIncident(events.store, 'Payments are failing');
    const auditor = await signIn(console.url, console.signInLink('auditor', 'audrey'));
    const responder = await signIn(console.url, console.signInLink('responder', 'rita'));
    const stream = await responder.call('/api/stream/incidents');
    const reader = new SseReader(stream);
    try {
      // The CSRF token is right: the refusal is the service's, for the role, exactly as over the API.
      const refused = await auditor.call(`/api/v1/incidents/${incidentId}/acknowledge`, { method: 'POST' });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { message: string }).message).toMatch(/requires role responder/);

      const acknowledged = await responder.call(`/api/v1/incidents/${incidentId}/acknowledge`, { method: 'POST' });
      expect(acknowledged.status).toBe(200);
      expect(await acknowledged.json()).toEqual({ events: ['IncidentAcknowledged'] });

      const event = await reader.next(
        (e) => e.event === 'incident' && e.data.includes(incidentId) && e.data.includes('"acknowledged"'),
      );
      expect(JSON.parse(event.data)).toMatchObject({ incidentId, status: 'acknowledged', assignee: 'rita' });

      const twice = await responder.call(`/api/v1/incidents/${incidentId}/acknowledge`, { method: 'POST' });
      expect(twice.status).toBe(409);
      expect(((await twice.json()) as { message: string }).message).toMatch(/rita has already acknowledged it/);
    } finally {
      await reader.close();
    }
  });
});
