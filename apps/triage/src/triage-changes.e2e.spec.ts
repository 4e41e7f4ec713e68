import { execFile } from 'node:child_process';
import { Agent } from 'node:https';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { change, trigger } from '@pagerduty/pdjs';
import {
  createTestDatabase,
  describeWithInfrastructure,
  eventually,
  type TestDatabase,
  uniqueName,
} from '@incident/testing';
import { bearer, type ServiceProcess, startService } from './test-support/service-process';
import { selfSignedCertificate, TlsProxy } from './test-support/tls-proxy';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'apps/incidentctl/dist/main.js');

interface Summary {
  readonly incidentId: string;
  readonly dedupKey: string;
  readonly status: string;
  readonly team: string | null;
}
interface Classification {
  readonly ruleId: string;
  readonly reasons: readonly string[];
}
interface IncidentChanges {
  readonly service: string;
  readonly windowMinutes: number;
  readonly items: readonly {
    changeType: string;
    summary: string;
    source: string;
    occurredAt: string;
    minutesBeforeDetection: number;
    links: { href: string; text: string | null }[];
  }[];
}

/**
 * Issue 21, end to end through the built apps: PagerDuty's own client (`@pagerduty/pdjs`) sends a change event
 * and a trigger to intake over TLS (a self-signed certificate made for the run, trusted by the client's agent);
 * triage's example rule "error rate within 30 minutes of a deploy" fires for a deploy 20 minutes before and not
 * for one 31 minutes before; the query API shows the changes before each incident.
 */
describeWithInfrastructure(['postgres', 'kafka'], 'changes: PagerDuty change events, triage and query', () => {
  let database: TestDatabase;
  const services: ServiceProcess[] = [];
  let intake: ServiceProcess;
  let query: ServiceProcess;
  let proxy: TlsProxy;
  let agent: Agent;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase('triage_changes');
    const env = { ...process.env, DATABASE_URL: database.url };
    await run(process.execPath, [CLI, 'directory', 'apply', join(ROOT, 'config/directory.example.yaml')], { env });
    await run(process.execPath, [CLI, 'triage', 'rules', 'apply', join(ROOT, 'config/triage-rules.example.yaml')], {
      env,
    });
    const shared = { DATABASE_URL: database.url, KAFKA_TOPIC_PREFIX: `${uniqueName('triage-changes')}.` };
    services.push(await startService('relay', shared));
    let triage: ServiceProcess;
    [intake, triage, query] = await Promise.all([
      startService('intake', shared),
      startService('triage', shared),
      startService('query', { ...shared, PROJECTION_IDLE_POLL_MS: '50' }),
    ]);
    services.push(intake, triage, query);
    for (const [customerId, service] of [
      ['globex', 'globex-storefront'],
      ['initech', 'initech-payments-worker'],
    ] as const) {
      const created = await fetch(`${intake.url}/v1/integrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: bearer(['admin']) },
        body: JSON.stringify({
          name: `pagerduty-${service}`,
          source: 'pagerduty',
          customerId,
          service,
          defaultCategory: 'errors.high_rate',
        }),
      });
      if (created.status !== 201) throw new Error(`integration: ${created.status} ${await created.text()}`);
      keys[service] = ((await created.json()) as { key: string }).key;
    }
    const credentials = await selfSignedCertificate();
    proxy = await TlsProxy.start(intake.url, credentials);
    // pdjs hands its options to node-fetch, which takes an agent: this one trusts the test's certificate only.
    agent = new Agent({ ca: credentials.cert });
  });

  afterAll(async () => {
    agent?.destroy();
    await proxy?.stop();
    await Promise.all(services.map((service) => service.stop()));
    await database?.drop();
  });

  type EventParameters = Parameters<typeof change>[0];
  /** pdjs types change() as taking a trigger's payload; the change event's own shape is what it sends. */
  const pagerDuty = (data: object): EventParameters =>
    ({ server: proxy.host, agent, data, retryCount: 0 }) as unknown as EventParameters;
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${query.url}${path}`, { headers: { authorization: bearer(['auditor']) } });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };

  /** A deploy `minutesBefore` now, then an error-rate trigger for the same service, both through pdjs over TLS. */
  async function deployThenErrors(service: string, minutesBefore: number, dedupKey: string) {
    const deployed = await change(
      pagerDuty({
        routing_key: keys[service],
        payload: {
          summary: `Deploy ${service} v2.3.1`,
          source: 'github-actions',
          timestamp: minutesAgo(minutesBefore),
          custom_details: { type: 'deploy', build_number: '4411' },
        },
        links: [{ href: `https://github.example.com/${service}/pull/812`, text: 'PR #812' }],
      }),
    );
    const triggered = await trigger(
      pagerDuty({
        routing_key: keys[service],
        dedup_key: dedupKey,
        payload: {
          summary: `${service} 5xx rate 12% (threshold 2%)`,
          source: `${service}.prod`,
          severity: 'error',
          class: 'errors.high_rate',
        },
      }),
    );
    return { deployed, triggered };
  }

  async function triaged(customer: string, dedupKey: string) {
    const summary = await eventually(`${dedupKey} triaged in the query API`, async () => {
      const page = await get<{ items: Summary[] }>(`/v1/incidents?customer=${customer}&limit=200`);
      const row = page.items.find((item) => item.dedupKey === dedupKey);
      return row?.status === 'triaged' ? row : undefined;
    });
    const history = await get<{ events: { type: string; data: Classification }[] }>(
      `/v1/incidents/${summary.incidentId}/history`,
    );
    const classification = history.events.find((event) => event.type === 'IncidentTriaged')?.data;
    return { summary, classification };
  }

  /** The incident's "changes before this incident", once the recent_changes projection has the change. */
  const changesBefore = (incidentId: string) =>
    eventually(`the changes before ${incidentId}`, async () => {
      const answer = await get<IncidentChanges>(`/v1/incidents/${incidentId}/changes`);
      return answer.items.length > 0 ? answer : undefined;
    });

  describe('given a deploy 20 minutes before an error rate on a service of an application-support customer', () => {
    it('accepts both from pdjs, triages by "within 30 minutes of a deploy", noting it, and shows the change', async () => {
      const { deployed, triggered } = await deployThenErrors('globex-storefront', 20, 'storefront-after-deploy');

      expect([deployed.status, deployed.data]).toEqual([
        202,
        expect.objectContaining({ status: 'success', message: 'Change event processed' }),
      ]);
      expect([triggered.status, triggered.data]).toEqual([
        202,
        expect.objectContaining({ status: 'success', dedup_key: 'storefront-after-deploy' }),
      ]);
      const { summary, classification } = await triaged('globex', 'storefront-after-deploy');
      expect(summary.team).toBe('app-support');
      expect(classification?.ruleId).toBe('errors-after-deploy');
      expect(classification?.reasons).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^deploy "Deploy globex-storefront v2\.3\.1" \(github-actions\) on globex-storefront 2\d minutes before/,
          ),
        ]),
      );
      const changes = await changesBefore(summary.incidentId);
      expect(changes).toMatchObject({ service: 'globex-storefront', windowMinutes: 60 });
      expect(changes.items).toEqual([
        expect.objectContaining({
          changeType: 'deploy',
          summary: 'Deploy globex-storefront v2.3.1',
          source: 'github-actions',
          links: [{ href: 'https://github.example.com/globex-storefront/pull/812', text: 'PR #812' }],
        }),
      ]);
      expect(changes.items[0]?.minutesBeforeDetection).toBeGreaterThanOrEqual(20);
    });
  });

  describe('given a deploy 31 minutes before', () => {
    it('does not fire the rule (application support decides), yet the incident still shows the change', async () => {
      await deployThenErrors('initech-payments-worker', 31, 'payments-long-after-deploy');

      const { classification, summary } = await triaged('initech', 'payments-long-after-deploy');
      expect(classification?.ruleId).toBe('application-support');
      expect(classification?.reasons.join('\n')).not.toMatch(/deploy/);
      const changes = await changesBefore(summary.incidentId);
      expect(changes.items.map((item) => item.summary)).toEqual(['Deploy initech-payments-worker v2.3.1']);
      expect(changes.items[0]?.minutesBeforeDetection).toBeGreaterThanOrEqual(31);
    });
  });

  it('lists the changes per service and customer by time window', async () => {
    const from = minutesAgo(120);
    const list = await eventually('both changes in GET /v1/changes', async () => {
      const answer = await get<{ items: { service: string; customerId: string }[] }>(
        `/v1/changes?from=${encodeURIComponent(from)}&type=deploy`,
      );
      return answer.items.length >= 2 ? answer : undefined;
    });
    expect(list.items.map((item) => [item.customerId, item.service]).sort()).toEqual([
      ['globex', 'globex-storefront'],
      ['initech', 'initech-payments-worker'],
    ]);
    const globex = await get<{ items: unknown[] }>(`/v1/changes?customer=globex&service=globex-storefront`);
    expect(globex.items).toHaveLength(1);
    const none = await get<{ items: unknown[] }>(`/v1/changes?to=${encodeURIComponent(minutesAgo(90))}`);
    expect(none.items).toEqual([]);
  });
});
