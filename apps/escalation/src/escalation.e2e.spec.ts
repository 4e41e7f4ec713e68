import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createEventStore, type HashChainedEventStore } from '@incident/event-store';
import { SmtpReceiver, WebhookReceiver } from '@incident/notify/testing';
import { mintToken, type Role } from '@incident/platform';
import {
  createTestDatabase,
  describeWithInfrastructure,
  eventually,
  freePort,
  kafkaBrokers,
  type TestDatabase,
  uniqueName,
} from '@incident/testing';
import { incidentStreamId } from '@incident/domain';
import { AppProcess } from './test-support/app-process';
import {
  applyTestDirectory,
  applyTestTriageRules,
  linksInMail,
  testDirectoryYaml,
} from './test-support/test-directory';

const SECRET = 'escalation-e2e-secret-0123456789abcdefghij';
const WEBHOOK_SECRET = 'escalation-e2e-webhook-secret-0123456789abcdef';
const DELAY_SECONDS = 4;

const bearer = (roles: Role[], subject = `${roles.join('-')}-1`) =>
  `Bearer ${mintToken({ secret: SECRET, issuer: 'incident-platform' }, { subject, roles, expiresIn: '10m' })}`;

describeWithInfrastructure(
  ['postgres', 'kafka'],
  'escalation: alert to page, a level nobody answers, the link that stops it',
  () => {
    let database: TestDatabase;
    let store: HashChainedEventStore;
    let webhooks: WebhookReceiver;
    let smtp: SmtpReceiver;
    const apps: AppProcess[] = [];
    const app = (name: string) => apps.find((candidate) => candidate.name === name)!;

    beforeAll(async () => {
      database = await createTestDatabase('escalation_e2e');
      store = await createEventStore({ databaseUrl: database.url });
      webhooks = await WebhookReceiver.start(WEBHOOK_SECRET);
      smtp = await SmtpReceiver.start();
      // Level 1 alice by webhook, level 2 bob by e-mail, level 3 carol by webhook, DELAY_SECONDS apart.
      const people = [
        { id: 'alice', contacts: [{ kind: 'webhook' as const, address: webhooks.url('alice') }] },
        { id: 'bob', contacts: [{ kind: 'email' as const, address: 'bob@ops.example' }] },
        { id: 'carol', contacts: [{ kind: 'webhook' as const, address: webhooks.url('carol') }] },
      ];
      await applyTestDirectory(store, testDirectoryYaml(people, { delaySeconds: DELAY_SECONDS }));
      await applyTestTriageRules(store);
      const env = {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: kafkaBrokers().join(','),
        KAFKA_TOPIC_PREFIX: `${uniqueName('escalation-e2e')}.`,
        KAFKA_PARTITIONS_INCIDENT_EVENTS: '3',
        AUTH_JWT_SECRET: SECRET,
      };
      const escalationPort = await freePort();
      const escalationEnv = {
        ...env,
        PUBLIC_BASE_URL: `http://127.0.0.1:${escalationPort}`,
        NOTIFY_SMTP_URL: smtp.url,
        NOTIFY_WEBHOOK_SECRET: WEBHOOK_SECRET,
      };
      for (const name of ['intake', 'relay', 'triage', 'query'] as const) apps.push(await AppProcess.start(name, env));
      apps.push(await AppProcess.start('escalation', escalationEnv, escalationPort));
    }, 180_000);

    afterAll(async () => {
      await Promise.all(apps.map((process) => process.kill('SIGKILL')));
      await webhooks?.close();
      await smtp?.close();
      await store?.close();
      await database?.drop();
    });

    it('pages level 1, escalates to level 2 after its delay, and stops when level 2 acknowledges through its link', async () => {
      const created = await fetch(`${app('intake').url}/v1/integrations`, {
        method: 'POST',
        headers: { authorization: bearer(['admin']), 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'checkout monitoring',
          source: 'pagerduty',
          customerId: 'acme',
          service: 'checkout-api',
          defaultCategory: 'availability.downtime',
        }),
      });
      const { key } = (await created.json()) as { key: string };
      const alert = await fetch(`${app('intake').url}/v2/enqueue`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          routing_key: key,
          event_action: 'trigger',
          dedup_key: `checkout-down-${randomUUID()}`,
          payload: { summary: 'Checkout API is down', source: 'checkout-api', severity: 'critical' },
        }),
      });
      expect(alert.status).toBe(202);

      const toAlice = await eventually('the level-1 page to alice', async () =>
        webhooks.received.find((webhook) => webhook.path === '/alice'),
      );
      const incidentId = toAlice.payload.incidentId!;
      expect(toAlice).toMatchObject({ signature: 'valid', payload: { kind: 'page', details: { level: 1 } } });
      expect(toAlice.idempotencyKey).toBe(`page:${incidentId}:0:1:1:alice`);

      const toBob = await eventually('the level-2 e-mail to bob', async () =>
        smtp.received.find((mail) => mail.to.includes('bob@ops.example')),
      );
      expect(toBob.headers.get('x-idempotency-key')).toBe(`page:${incidentId}:0:2:2:bob`);
      const types = (await store.readStream(incidentStreamId(incidentId))).map((event) => event.type);
      expect(types).toEqual(expect.arrayContaining(['IncidentTriaged', 'IncidentEscalated', 'PageDelivered']));

      const [acknowledgeLink, helpLink] = linksInMail(toBob.raw);
      expect(helpLink).toBeDefined();
      const confirmation = await fetch(acknowledgeLink!);
      expect(confirmation.status).toBe(200);
      expect(await confirmation.text()).toMatch(/<form method="post"><button type="submit">Acknowledge<\/button>/);
      const acknowledged = await fetch(acknowledgeLink!, { method: 'POST' });
      expect(acknowledged.status).toBe(200);
      expect(await acknowledged.text()).toMatch(/bob acknowledged incident/);

      // Used twice, altered, or by an auditor through the API: refused, with a page that says why.
      const again = await fetch(acknowledgeLink!, { method: 'POST' });
      expect(again.status).toBe(410);
      expect(await again.text()).toMatch(/already used/);
      const altered = await fetch(`${helpLink!.slice(0, -2)}xx`, { method: 'POST' });
      expect(altered.status).toBe(400);
      expect(await altered.text()).toMatch(/altered/);
      const byAuditor = await fetch(`${app('escalation').url}/v1/incidents/${incidentId}/acknowledge`, {
        method: 'POST',
        headers: { authorization: bearer(['auditor']) },
      });
      expect(byAuditor.status).toBe(403);

      // Level 3 was pending; the acknowledgement cancelled it. Wait until it would have been due, then look.
      const level3 = await eventually('the level-3 timer cancelled', async () => {
        const client = new Client({ connectionString: database.url });
        await client.connect();
        try {
          const { rows } = await client.query<{ status: string; due_at: Date }>(
            `SELECT status, due_at FROM scheduler.timer WHERE key = $1`,
            [`escalation-level:${incidentId}:0:3:0`],
          );
          return rows[0]?.status === 'cancelled' ? rows[0] : undefined;
        } finally {
          await client.end();
        }
      });
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, level3.due_at.getTime() - Date.now()) + 1_000));
      expect(webhooks.received.filter((webhook) => webhook.path === '/carol')).toEqual([]);
      expect([...webhooks.acceptedKeys().values()]).toEqual([1]);

      // The query API shows the pages, the escalation and the assignee.
      const query = (path: string) =>
        fetch(`${app('query').url}${path}`, { headers: { authorization: bearer(['responder']) } }).then(
          async (response) =>
            response.status === 200 ? ((await response.json()) as Record<string, unknown>) : undefined,
        );
      const incident = await eventually('the incident acknowledged by bob in the read model', async () => {
        const view = await query(`/v1/incidents/${incidentId}`);
        return view?.['assignee'] === 'bob' ? view : undefined;
      });
      expect(incident).toMatchObject({ status: 'acknowledged', escalationLevel: 2, assignee: 'bob' });
      const pages = await eventually('both pages in the read model', async () => {
        const view = await query(`/v1/incidents/${incidentId}/pages`);
        const items = view?.['items'] as { outcome: string }[] | undefined;
        return items?.length === 2 && items.every((page) => page.outcome !== 'pending') ? items : undefined;
      });
      expect(pages).toMatchObject([
        { responderId: 'alice', escalationLevel: 1, channel: 'webhook:webhook', outcome: 'escalated' },
        { responderId: 'bob', escalationLevel: 2, channel: 'email:email', outcome: 'acknowledged' },
      ]);
    }, 180_000);
  },
);
