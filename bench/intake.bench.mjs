// npm run bench:intake — accepted alerts/s and latency of the intake at 50 concurrent connections, with 90%
// duplicates and with all-new keys, against the same load on a Prometheus Alertmanager (POST /api/v2/alerts).
//
// The intake runs as its own process (apps/intake/dist/main.js) on a database of the benchmark's own, on the
// real PostgreSQL (`npm run infra:up`); Alertmanager is the Debian package `prometheus-alertmanager`, started
// here on 127.0.0.1. Each request carries one alert; "accepted" means a 202 (intake: durably appended) or a
// 200 (Alertmanager: taken into its in-memory store).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchDatabase, infrastructure, probe, require, ROOT } from './lib/infrastructure.mjs';
import { ms, percentile, say } from './lib/stats.mjs';

const { mintToken } = require('@incident/platform');

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const DUPLICATE_SHARE = 0.9;
const DUPLICATE_KEYS = 50;
const ALERTMANAGER = process.env.BENCH_ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager';

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

async function waitUntilUp(url, child, name) {
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${name} did not come up at ${url}`);
}

/** `CONNECTIONS` loops sending for SECONDS; `request(n)` gives the n-th request's url and init. */
async function load(name, request, accepted) {
  const latencies = [];
  let ok = 0;
  let failed = 0;
  let sequence = 0;
  const end = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const { url, init } = request(sequence++);
        const t0 = performance.now();
        const response = await fetch(url, init);
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (response.status === accepted) ok++;
        else failed++;
      }
    }),
  );
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const perSecond = (ok * 1000) / elapsed;
  say(
    `  ${name.padEnd(34)} ${Math.round(perSecond).toLocaleString('en').padStart(7)} alerts/s` +
      `  p50 ${ms(percentile(latencies, 0.5))}  p99 ${ms(percentile(latencies, 0.99))}` +
      `  (${ok} accepted, ${failed} refused)`,
  );
  return perSecond;
}

/** 90% of the alerts repeat one of a few keys, 10% are new; or every alert is new. */
const keyFor = (scenario, n, run) =>
  scenario === 'duplicates' && n % 10 < DUPLICATE_SHARE * 10 ? `dup-${n % DUPLICATE_KEYS}` : `new-${run}-${n}`;

async function benchIntake(databaseUrl, kafkaBrokers, run) {
  const port = await freePort();
  const secret = randomBytes(32).toString('hex');
  const child = spawn(process.execPath, [join(ROOT, 'apps/intake/dist/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: kafkaBrokers,
      AUTH_JWT_SECRET: secret,
      INTAKE_PORT: String(port),
      INTAKE_RATE_LIMIT_PER_MINUTE: '10000000',
      KAFKA_TOPIC_PREFIX: `bench-${run}.`,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(`${base}/health/live`, child, 'intake');
    const admin = mintToken(
      { secret, issuer: 'incident-platform' },
      { subject: 'bench', roles: ['admin'], expiresIn: '1h' },
    );
    const created = await fetch(`${base}/v1/integrations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'bench',
        source: 'bench',
        customerId: 'acme',
        service: 'web',
        defaultCategory: 'availability.downtime',
      }),
    });
    const { key } = await created.json();
    const rates = {};
    for (const scenario of ['duplicates', 'all-new']) {
      rates[scenario] = await load(
        `intake /v2/enqueue, ${scenario}`,
        (n) => ({
          url: `${base}/v2/enqueue`,
          init: {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              routing_key: key,
              event_action: 'trigger',
              dedup_key: keyFor(scenario, n, run),
              payload: { summary: `bench alert ${n % DUPLICATE_KEYS}`, source: 'bench', severity: 'error' },
            }),
          },
        }),
        202,
      );
    }
    return rates;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve()));
  }
}

async function benchAlertmanager(run) {
  if (!existsSync(ALERTMANAGER)) {
    say(`  Alertmanager not found at ${ALERTMANAGER}: apt-get update && apt-get install -y prometheus-alertmanager`);
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-alertmanager-'));
  const config = join(dir, 'alertmanager.yml');
  writeFileSync(config, 'route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n');
  const port = await freePort();
  const child = spawn(
    ALERTMANAGER,
    [
      `--config.file=${config}`,
      `--storage.path=${dir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(`${base}/-/ready`, child, 'alertmanager');
    const rates = {};
    for (const scenario of ['duplicates', 'all-new']) {
      rates[scenario] = await load(
        `alertmanager /api/v2/alerts, ${scenario}`,
        (n) => ({
          url: `${base}/api/v2/alerts`,
          init: {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify([
              {
                labels: { alertname: 'BenchAlert', key: keyFor(scenario, n, run), severity: 'error' },
                annotations: { summary: `bench alert ${n % DUPLICATE_KEYS}` },
              },
            ]),
          },
        }),
        200,
      );
    }
    return rates;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve()));
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const infra = infrastructure();
  await probe(infra);
  const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const database = await benchDatabase(infra.databaseUrl, `bench_intake_${run}`);
  say(`intake benchmark: ${CONNECTIONS} concurrent connections, ${SECONDS} s per scenario, one alert per request`);
  try {
    const ours = await benchIntake(database.url, infra.kafkaBrokers, run);
    const theirs = await benchAlertmanager(run);
    if (theirs) {
      for (const scenario of ['duplicates', 'all-new']) {
        say(`  ratio intake / alertmanager, ${scenario}: ${(ours[scenario] / theirs[scenario]).toFixed(2)}`);
      }
    }
  } finally {
    await database.drop();
  }
}

main().catch((error) => {
  process.stderr.write(`bench:intake failed: ${error.stack ?? error}\n`);
  process.exit(1);
});
