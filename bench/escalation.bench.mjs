// npm run bench:escalation — the escalation service's paging path under a queue of pending timers, on the real
// PostgreSQL and Kafka (`npm run infra:up`), with the built service as its own process (apps/escalation/dist).
//
// Set-up: a database of the benchmark's own with a directory (one person per level, paged by webhook to a
// receiver in this process) and BENCH_INCIDENTS triaged incidents. Their level-1 timers are scheduled the way the
// engine schedules them (same key, same payload), plus BENCH_PENDING timers due an hour later that sit in the
// queue for the whole run: the claim must find due timers among them.
// 1. Steady: BENCH_STEADY incidents' level 1 falls due at BENCH_RATE per second. Figure: p50/p99 delay between a
//    level's due time and its page arriving at the receiver.
// 2. Burst: BENCH_BURST incidents' level 1 falls due at one instant. Figure: pages/s sustained until the last
//    arrives (each page = read the incident, record the intent, deliver with its key, record the outcome, set
//    the next level's timer).
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchDatabase, infrastructure, probe, require, ROOT } from './lib/infrastructure.mjs';
import { ms, percentile, say } from './lib/stats.mjs';

const { createEventStore, IncidentCommandHandler } = require('@incident/event-store');
const { DirectoryVersions } = require('@incident/directory');
const { Scheduler } = require('@incident/scheduler');

const STEADY = Number(process.env.BENCH_STEADY ?? 2_000);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const BURST = Number(process.env.BENCH_BURST ?? 2_000);
const PENDING = Number(process.env.BENCH_PENDING ?? 10_000);
const WRITERS = 16;

/** Receives pages; the first arrival of each idempotency key is the page (re-deliveries carry the same key). */
async function startReceiver() {
  const arrivals = new Map();
  let requests = 0;
  const server = createServer((request, response) => {
    const key = request.headers['idempotency-key'];
    requests += 1;
    if (typeof key === 'string' && !arrivals.has(key)) arrivals.set(key, Date.now());
    request.resume();
    request.on('end', () => response.writeHead(200).end('ok'));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    arrivals,
    requests: () => requests,
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => server.close(),
  };
}

const directoryYaml = (receiverUrl) => `customers:
  - id: acme
    name: Acme
    subscriptions: [infrastructure]
    contacts: [{ name: Dana, email: dana@acme.example, approvesCostChanges: true }]
    approvalThresholdPerMonth: { amount: 200, currency: EUR }
    preApprovedHoursPerMonth: 10
teams:
  - id: infrastructure
    name: Infrastructure
    members: [first, second]
people:
  - id: first
    name: First
    contactMethods: [{ kind: webhook, address: '${receiverUrl}/first' }]
  - id: second
    name: Second
    contactMethods: [{ kind: webhook, address: '${receiverUrl}/second' }]
services:
  - id: web
    customer: acme
    ownerTeam: infrastructure
    runbook: https://runbooks.example/web
    autoscale: { minSize: 1, maxSize: 4, maxMonthlyCostStep: { amount: 100, currency: EUR } }
escalationPolicies:
  - id: infrastructure
    name: Infrastructure
    levels:
      - { delayMinutes: 0, targets: [{ kind: person, id: first }] }
      - { delayMinutes: 60, targets: [{ kind: person, id: second }] }
    repeats: 0
sla:
  critical: { acknowledgeWithinMinutes: 5, resolveWithinMinutes: 240, customerUpdateEveryMinutes: 30 }
  high: { acknowledgeWithinMinutes: 15, resolveWithinMinutes: 480, customerUpdateEveryMinutes: 60 }
  medium: { acknowledgeWithinMinutes: 60, resolveWithinMinutes: 1440, customerUpdateEveryMinutes: 240 }
  low: { acknowledgeWithinMinutes: 240, resolveWithinMinutes: 4320, customerUpdateEveryMinutes: 1440 }
`;

/** Opens and triages `count` incidents, WRITERS at a time. */
async function triagedIncidents(commands, count) {
  const ids = Array.from({ length: count }, () => randomUUID());
  const context = { actor: { kind: 'system', id: 'bench' }, correlationId: 'bench' };
  const at = new Date().toISOString();
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < ids.length) {
        const incidentId = ids[next++];
        await commands.execute(
          {
            type: 'OpenIncident',
            data: {
              incidentId,
              dedupKey: incidentId,
              source: 'bench',
              customerId: 'acme',
              service: 'web',
              title: 'Web is down',
              openedAt: at,
            },
          },
          context,
        );
        await commands.execute(
          {
            type: 'TriageIncident',
            data: {
              incidentId,
              severity: 'urgent',
              category: 'availability.downtime',
              owningTeam: 'infrastructure',
              ruleId: 'bench',
              triagedAt: at,
            },
          },
          context,
        );
      }
    }),
  );
  return ids;
}

/** Level 1 of each incident due at `dueAt(i)`: the key and payload EscalationEngine.start uses. */
async function scheduleLevelOne(scheduler, ids, dueAt) {
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < ids.length) {
        const i = next++;
        const incidentId = ids[i];
        const payload = { kind: 'level', incidentId, cycle: 0, level: 1, repeat: 0, reason: 'policy' };
        await scheduler.schedule(`escalation-level:${incidentId}:0:1:0`, dueAt(i), payload);
      }
    }),
  );
}

async function waitForPages(receiver, keys, what) {
  const deadline = Date.now() + 600_000;
  let last = -1;
  while (keys.some((key) => !receiver.arrivals.has(key))) {
    if (Date.now() > deadline) throw new Error(`${what}: pages missing after 10 minutes`);
    const got = keys.filter((key) => receiver.arrivals.has(key)).length;
    if (got !== last) say(`  … ${what}: ${got.toLocaleString('en')} of ${keys.length.toLocaleString('en')} paged`);
    last = got;
    await sleep(1_000);
  }
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

const pageKey = (incidentId) => `page:${incidentId}:0:1:1:first`;

async function main() {
  const infra = infrastructure();
  await probe(infra);
  const database = await benchDatabase(infra.databaseUrl, `bench_escalation_${Date.now().toString(36)}`);
  const receiver = await startReceiver();
  const store = await createEventStore({ databaseUrl: database.url });
  const scheduler = new Scheduler({ queue: 'escalation', connectionString: database.url });
  let child;
  try {
    await new DirectoryVersions(store).apply(directoryYaml(receiver.url), 'bench-directory.yaml', {
      actor: { kind: 'user', id: 'bench' },
      correlationId: 'bench',
      occurredAt: new Date().toISOString(),
    });
    const commands = new IncidentCommandHandler(store);
    say(
      `set-up: ${(STEADY + BURST).toLocaleString('en')} triaged incidents, ${PENDING.toLocaleString('en')} timers due in an hour`,
    );
    const steady = await triagedIncidents(commands, STEADY);
    const burst = await triagedIncidents(commands, BURST);
    const later = new Date(Date.now() + 3_600_000);
    const parked = Array.from({ length: PENDING }, () => randomUUID());
    await scheduleLevelOne(scheduler, parked, () => later);

    const secret = randomBytes(32).toString('hex');
    child = spawn(process.execPath, [join(ROOT, 'apps/escalation/dist/main.js')], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        KAFKA_BROKERS: infra.kafkaBrokers,
        KAFKA_TOPIC_PREFIX: `bench-escalation-${Date.now().toString(36)}.`,
        AUTH_JWT_SECRET: secret,
        NOTIFY_WEBHOOK_SECRET: randomBytes(32).toString('hex'),
        ESCALATION_PORT: String(await freePort()),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    // The service is up once its scheduler has created its table and claims: a first timer due now shows it.
    const probeIds = await triagedIncidents(commands, 1);
    await scheduleLevelOne(scheduler, probeIds, () => new Date());
    await waitForPages(receiver, probeIds.map(pageKey), 'warm-up');

    say(
      `1. steady: ${STEADY.toLocaleString('en')} levels falling due at ${RATE}/s among ${PENDING.toLocaleString('en')} pending timers`,
    );
    const start = Date.now() + 5_000;
    const steadyDue = steady.map((_, i) => start + Math.floor((i * 1000) / RATE));
    await scheduleLevelOne(scheduler, steady, (i) => new Date(steadyDue[i]));
    await waitForPages(receiver, steady.map(pageKey), 'steady');
    const delays = steady.map((id, i) => receiver.arrivals.get(pageKey(id)) - steadyDue[i]).sort((a, b) => a - b);
    say(
      `   due → page: p50 ${ms(percentile(delays, 0.5))}, p99 ${ms(percentile(delays, 0.99))}, max ${ms(delays.at(-1))}`,
    );

    say(`2. burst: ${BURST.toLocaleString('en')} levels falling due at one instant`);
    const burstDue = Date.now() + 5_000;
    await scheduleLevelOne(scheduler, burst, () => new Date(burstDue));
    await waitForPages(receiver, burst.map(pageKey), 'burst');
    const arrivals = burst.map((id) => receiver.arrivals.get(pageKey(id))).sort((a, b) => a - b);
    const seconds = (arrivals.at(-1) - burstDue) / 1000;
    say(
      `   ${Math.round(BURST / seconds).toLocaleString('en')} pages/s sustained (last page ${seconds.toFixed(1)} s after the due time)`,
    );
    say(
      `   receiver: ${receiver.requests().toLocaleString('en')} requests for ${receiver.arrivals.size.toLocaleString('en')} keys`,
    );
  } finally {
    child?.kill('SIGTERM');
    await new Promise((resolve) => (child && child.exitCode === null ? child.once('exit', resolve) : resolve()));
    await scheduler.stop(1_000).catch(() => undefined);
    await store.close();
    receiver.close();
    if (process.env.BENCH_KEEP !== '1') await database.drop();
  }
}

main().catch((error) => {
  process.stderr.write(`bench:escalation failed: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
