import { describeWithInfrastructure, eventually } from '@incident/testing';
import { type ConsoleStack, startConsoleStack } from './test-support/console-stack';
import { signIn } from './test-support/signed-in-client';
import { SseReader } from './test-support/sse-reader';

type Incident = { incidentId: string; status: string; title: string };

/** The browser test's story through the console's API, as its pages call it: one origin, a cookie, the CSRF token. */
describeWithInfrastructure(
  ['postgres', 'kafka'],
  'the console in front of intake, query, escalation and remediation',
  () => {
    let stack: ConsoleStack;

    beforeAll(async () => {
      stack = await startConsoleStack(['query', 'intake', 'escalation', 'remediation']);
    });

    afterAll(async () => {
      await stack?.stop();
    });

    it('lists an alert live, acknowledges and resolves it, and lets an auditor replay and verify it', async () => {
      const { console, services } = stack;
      const admin = await signIn(console.url, console.signInLink('admin', 'ada'));
      const created = await admin.call('/api/v1/integrations', {
        method: 'POST',
        body: JSON.stringify({
          name: 'checkout monitoring',
          source: 'pagerduty',
          customerId: 'acme',
          service: 'checkout-api',
          defaultCategory: 'availability.downtime',
        }),
      });
      expect(created.status).toBe(201);
      const { key } = (await created.json()) as { key: string };

      const responder = await signIn(console.url, console.signInLink('responder', 'rita'));
      const reader = new SseReader(await responder.call('/api/stream/incidents'));
      let incident: Incident;
      try {
        const alert = await fetch(`${services.intake?.url}/v2/enqueue`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            routing_key: key,
            event_action: 'trigger',
            dedup_key: 'checkout-down',
            payload: { summary: 'Checkout API is down', source: 'checkout-api', severity: 'critical' },
          }),
        });
        expect(alert.status).toBe(202);
        const event = await reader.next((e) => e.event === 'incident' && e.data.includes('Checkout API is down'));
        incident = JSON.parse(event.data) as Incident;
        expect(incident).toMatchObject({ status: 'triggered', title: 'Checkout API is down' });

        const path = `/api/v1/incidents/${incident.incidentId}`;
        expect((await responder.call(`${path}/acknowledge`, { method: 'POST' })).status).toBe(200);
        const resolve = await responder.call(`${path}/resolve`, {
          method: 'POST',
          body: JSON.stringify({ summary: 'restarted the pods' }),
        });
        expect(resolve.status).toBe(200);
        await reader.next(
          (e) => e.event === 'incident' && e.data.includes(incident.incidentId) && e.data.includes('"resolved"'),
        );
      } finally {
        await reader.close();
      }

      // Each projection commits on its own: the timeline may follow the summary by a batch.
      const types = await eventually('the timeline to show the acknowledgement and the resolution', async () => {
        const response = await responder.call(`/api/v1/incidents/${incident.incidentId}/timeline`);
        const { entries } = (await response.json()) as { entries: { eventType: string }[] };
        const seen = entries.map((entry) => entry.eventType);
        return seen.includes('IncidentResolved') ? seen : undefined;
      });
      expect(types).toEqual(expect.arrayContaining(['IncidentAcknowledged', 'IncidentResolved']));

      const auditor = await signIn(console.url, console.signInLink('auditor', 'audrey'));
      const earlier = await auditor.call(`/api/v1/incidents/${incident.incidentId}/state?revision=0`);
      expect(earlier.status).toBe(200);
      expect(await earlier.json()).toMatchObject({ revision: 0, state: { status: 'triggered' } });
      const verified = await auditor.call(`/api/v1/incidents/${incident.incidentId}/verify`);
      expect(await verified.json()).toMatchObject({ incidentId: incident.incidentId, ok: true });
      const forged = await auditor.call(`/api/v1/incidents/${incident.incidentId}/acknowledge`, { method: 'POST' });
      expect(forged.status).toBe(403);
    });
  },
);
