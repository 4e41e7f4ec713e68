import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  createTestDatabase,
  describeWithInfrastructure,
  eventually,
  type TestDatabase,
  uniqueName,
} from '@incident/testing';
import { bearer, type ServiceProcess, startService } from './test-support/service-process';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'apps/incidentctl/dist/main.js');

interface HistoryEntry {
  readonly type: string;
  readonly data: Record<string, unknown>;
}
interface Summary {
  readonly incidentId: string;
  readonly dedupKey: string;
  readonly status: string;
  readonly severity: string | null;
  readonly team: string | null;
  readonly drill: boolean;
}

/**
 * The seeds' triage behaviour through the built apps (issue 14, item 2): alerts and tickets into intake, the relay
 * publishes, triage decides with the example rules and directory, query shows the incident and its history (the
 * rule id, the reasons, the customer notification).
 */
describeWithInfrastructure(['postgres', 'kafka'], 'triage: the seeds, intake to query', () => {
  let database: TestDatabase;
  const services: ServiceProcess[] = [];
  let intake: ServiceProcess;
  let triage: ServiceProcess;
  let query: ServiceProcess;
  let integrationKey: string;
  const now = Date.now();

  beforeAll(async () => {
    database = await createTestDatabase('triage_seeds');
    const folder = mkdtempSync(join(tmpdir(), 'triage-seeds-'));
    // The example directory, with acme-postgres in its maintenance window right now.
    const directory = readFileSync(join(ROOT, 'config/directory.example.yaml'), 'utf8')
      .replace("from: '2026-12-06T01:00:00Z'", `from: '${new Date(now - 3_600_000).toISOString()}'`)
      .replace("until: '2026-12-06T04:00:00Z'", `until: '${new Date(now + 3_600_000).toISOString()}'`);
    writeFileSync(join(folder, 'directory.yaml'), directory);
    const env = { ...process.env, DATABASE_URL: database.url };
    await run(process.execPath, [CLI, 'directory', 'apply', join(folder, 'directory.yaml')], { env });
    await run(process.execPath, [CLI, 'triage', 'rules', 'apply', join(ROOT, 'config/triage-rules.example.yaml')], {
      env,
    });
    const shared = { DATABASE_URL: database.url, KAFKA_TOPIC_PREFIX: `${uniqueName('triage-seeds')}.` };
    // The relay first: it creates the topics; the others in parallel.
    services.push(await startService('relay', shared));
    [intake, triage, query] = await Promise.all([
      startService('intake', shared),
      startService('triage', shared),
      startService('query', { ...shared, PROJECTION_IDLE_POLL_MS: '50' }),
    ]);
    services.push(intake, triage, query);
    const created = await fetch(`${intake.url}/v1/integrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer(['admin']) },
      body: JSON.stringify({
        name: 'seeds',
        source: 'generic',
        customerId: '*',
        service: 'acme-api',
        defaultCategory: 'availability.downtime',
      }),
    });
    if (created.status !== 201) throw new Error(`integration: ${created.status} ${await created.text()}`);
    integrationKey = ((await created.json()) as { key: string }).key;
  });

  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await database?.drop();
  });

  const post = async (service: ServiceProcess, path: string, body: object, authorization: string) => {
    const response = await fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(body),
    });
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${query.url}${path}`, { headers: { authorization: bearer(['auditor']) } });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };

  const alert = (dedupKey: string, fields: Record<string, unknown>) =>
    post(
      intake,
      '/v1/alerts',
      { source: 'generic', status: 'firing', title: dedupKey, dedupKey, ...fields },
      `Bearer ${integrationKey}`,
    );

  /** The incident as query shows it once triage has acted (not `triggered`), and its history from the auditor API. */
  async function triaged(customer: string, dedupKey: string) {
    const summary = await eventually(`${dedupKey} triaged in the query API`, async () => {
      const page = await get<{ items: Summary[] }>(`/v1/incidents?customer=${customer}&limit=200`);
      const row = page.items.find((item) => item.dedupKey === dedupKey);
      return row && row.status !== 'triggered' ? row : undefined;
    });
    const { events } = await get<{ events: HistoryEntry[] }>(`/v1/incidents/${summary.incidentId}/history`);
    const classification = events.find((event) => event.type === 'IncidentTriaged')?.data;
    return { summary, events, types: events.map((event) => event.type), classification };
  }

  it('routes a cloud infrastructure problem to infrastructure / customer success', async () => {
    await alert('acme-api-down', {
      customer: 'acme',
      service: 'acme-api',
      category: 'availability.downtime',
      severity: 'critical',
    });
    const { summary, classification } = await triaged('acme', 'acme-api-down');
    expect(summary).toMatchObject({ status: 'triaged', severity: 'urgent', team: 'customer-success' });
    expect(classification).toMatchObject({ ruleId: 'infrastructure', ruleSetVersion: 1 });
  });

  it('routes an application problem to application support when the subscription includes it', async () => {
    await alert('storefront-errors', {
      customer: 'globex',
      service: 'globex-storefront',
      category: 'errors.high_rate',
      severity: 'error',
    });
    const { summary, classification } = await triaged('globex', 'storefront-errors');
    expect(summary).toMatchObject({ status: 'triaged', severity: 'high', team: 'app-support' });
    expect(classification).toMatchObject({ ruleId: 'application-support' });
  });

  it('returns an application problem to a customer without application support, downgraded, telling them why', async () => {
    await alert('acme-api-errors', {
      customer: 'acme',
      service: 'acme-api',
      category: 'errors.high_rate',
      severity: 'error',
    });
    const { summary, types, events, classification } = await triaged('acme', 'acme-api-errors');
    expect(summary).toMatchObject({ status: 'returned_to_customer', severity: 'normal' });
    expect(classification).toMatchObject({ ruleId: 'application-not-subscribed' });
    expect(types.slice(-3)).toEqual(['IncidentTriaged', 'IncidentReturnedToCustomer', 'CustomerNotified']);
    expect(events.at(-1)?.data['message']).toMatch(/subscription covers infrastructure support only/);
  });

  it('returns an application ticket of such a customer the same way', async () => {
    const filed = await post(
      intake,
      '/v1/tickets',
      {
        customer: 'acme',
        priority: 'high',
        subject: 'Report export is broken',
        kind: 'application',
        service: 'acme-api',
      },
      `Bearer ${integrationKey}`,
    );
    const { summary, classification, types } = await triaged('acme', filed['ticket_id'] as string);
    expect(summary).toMatchObject({ status: 'returned_to_customer', severity: 'normal' });
    expect(classification).toMatchObject({ ruleId: 'application-ticket-not-subscribed' });
    expect(types).toContain('CustomerNotified');
  });

  it('needs no action for high error rates from a workflow being tested, with the reason', async () => {
    await alert('staging-errors', {
      customer: 'initech',
      service: 'initech-payments-worker',
      category: 'errors.high_rate',
      labels: { environment: 'staging' },
    });
    const { summary, events, classification } = await triaged('initech', 'staging-errors');
    expect(summary).toMatchObject({ status: 'no_action', severity: 'low' });
    expect(classification).toMatchObject({ ruleId: 'errors-from-staging' });
    expect(events.at(-1)).toMatchObject({
      type: 'IncidentMarkedNoAction',
      data: { reason: 'high error rate from a staging environment — no action needed' },
    });
  });

  it('makes an exploit urgent, for security, flagged, and tells the customer at once', async () => {
    await alert('globex-exploit', {
      customer: 'globex',
      service: 'globex-storefront',
      category: 'security.exploit',
      severity: 'warning',
    });
    const { summary, classification, types } = await triaged('globex', 'globex-exploit');
    expect(summary).toMatchObject({ severity: 'urgent', team: 'security' });
    expect(classification).toMatchObject({
      ruleId: 'security-exploit',
      flags: ['notify_customer_immediately', 'assemble_response_team'],
    });
    expect(types).toContain('CustomerNotified');
  });

  it('sends exhausted resources to the owning team, autoscaling allowed; underutilised ones low, downsize proposed', async () => {
    await alert('initech-cpu', {
      customer: 'initech',
      service: 'initech-payments-worker',
      category: 'resources.exhausted',
    });
    await alert('globex-idle', {
      customer: 'globex',
      service: 'globex-storefront',
      category: 'resources.underutilized',
      severity: 'warning',
    });
    const exhausted = await triaged('initech', 'initech-cpu');
    const idle = await triaged('globex', 'globex-idle');
    expect(exhausted.summary).toMatchObject({ severity: 'high', team: 'customer-success' });
    expect(exhausted.classification).toMatchObject({
      ruleId: 'resources-exhausted',
      flags: ['autoscale_within_limits'],
    });
    expect(idle.summary).toMatchObject({ severity: 'low', team: 'app-support' });
    expect(idle.classification).toMatchObject({ ruleId: 'resources-underutilized', flags: ['propose_downsize'] });
  });

  it('marks an alert inside the service’s maintenance window, kept and visible, with the window', async () => {
    await alert('pg-maintenance', {
      customer: 'acme',
      service: 'acme-postgres',
      category: 'availability.downtime',
      severity: 'critical',
    });
    const { summary, classification } = await triaged('acme', 'pg-maintenance');
    expect(summary).toMatchObject({ status: 'triaged', severity: 'low', team: 'database' });
    expect(classification).toMatchObject({ ruleId: 'maintenance-window', maintenanceWindowId: 'acme-pg-upgrade' });
  });

  it('marks drills, by label or opened from a scenario, everywhere, and never tells the customer', async () => {
    await alert('drill-exploit', {
      customer: 'globex',
      service: 'globex-storefront',
      category: 'security.exploit',
      labels: { drill: 'true' },
    });
    const started = await post(triage, '/v1/drills', { scenario: 'database-outage' }, bearer(['responder']));
    const byLabel = await triaged('globex', 'drill-exploit');
    const fromScenario = await triaged('acme', `drill:database-outage:${started['incidentId'] as string}`);

    for (const drill of [byLabel, fromScenario]) {
      expect(drill.summary.drill).toBe(true);
      expect(drill.classification).toMatchObject({ ruleId: 'drill' });
      expect(drill.types).not.toContain('CustomerNotified');
    }
    expect(fromScenario.summary).toMatchObject({ severity: 'urgent', team: 'database' });
  });
});
