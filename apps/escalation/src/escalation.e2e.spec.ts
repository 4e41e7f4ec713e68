import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { incidentStreamId } from '@incident/domain';
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
const sleepUntil = (at: Date) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, at.getTime() - Date.now()) + 1_000));

describeWithInfrastructure(
  ['postgres', 'kafka'],
  'escalation: alert to page, a level nobody answers, the acknowledgement that stops it',
  () => {
    let database: TestDatabase;
    let store: HashChainedEventStore;
    let webhooks: WebhookReceiver;
    let smtp: SmtpReceiver;
    let integrationKey = '';
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
      integrationKey = ((await created.json()) as { key: string }).key;
    }, 180_000);

    afterAll(async () => {
      await Promise.all(apps.map((process) => process.kill('SIGKILL')));
      await webhooks?.close();
      await smtp?.close();
      await store?.close();
      await database?.drop();
    });

    /** PagerDuty Events v2 at intake, as a monitoring system sends it. */
    const enqueue = (action: 'trigger' | 'acknowledge', dedupKey: string) =>
      fetch(`${app('intake').url}/v2/enqueue`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          routing_key: integrationKey,
          event_action: action,
          dedup_key: dedupKey,
          ...(action === 'trigger' && {
            payload: { summary: 'Checkout API is down', source: 'checkout-api', severity: 'critical' },
          }),
        }),
      });
    const levelOnePage = (exceptIncidents: ReadonlySet<string>) =>
      eventually('a new level-1 page to alice', async () =>
        webhooks.received.find(
          (webhook) => webhook.path === '/alice' && !exceptIncidents.has(webhook.payload.incidentId ?? ''),
        ),
      );
    async function timer(key: string): Promise<{ status: string; due_at: Date } | undefined> {
      const client = new Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ status: string; due_at: Date }>(
          'SELECT status, due_at FROM scheduler.timer WHERE key = $1',
          [key],
        );
        return rows[0];
      } finally {
        await client.end();
      }
    }
    const cancelled = (key: string) =>
      eventually(`${key} cancelled`, async () => {
        const found = await timer(key);
        return found?.status === 'cancelled' ? found : undefined;
      });
    const paged = new Set<string>();

    it('pages level 1, escalates to level 2 after its delay, and stops when level 2 acknowledges through its link', async () => {
      expect((await enqueue('trigger', `checkout-down-${randomUUID()}`)).status).toBe(202);
      const toAlice = await levelOnePage(paged);
      const incidentId = toAlice.payload.incidentId!;
      paged.add(incidentId);
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
      await sleepUntil((await cancelled(`escalation-level:${incidentId}:0:3:0`)).due_at);
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

    it('stops at level 1 when the page is acknowledged through PagerDuty at intake', async () => {
      const dedupKey = `checkout-slow-${randomUUID()}`;
      expect((await enqueue('trigger', dedupKey)).status).toBe(202);
      const incidentId = (await levelOnePage(paged)).payload.incidentId!;
      paged.add(incidentId);
      expect((await enqueue('acknowledge', dedupKey)).status).toBe(202);
      await sleepUntil((await cancelled(`escalation-level:${incidentId}:0:2:0`)).due_at);
      expect(smtp.received.filter((mail) => mail.headers.get('x-incident-id') === incidentId)).toEqual([]);
      const types = (await store.readStream(incidentStreamId(incidentId))).map((event) => event.type);
      expect(types).toContain('IncidentAcknowledged');
      expect(types).not.toContain('IncidentEscalated');
    }, 120_000);
  },
);
