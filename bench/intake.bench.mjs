// npm run bench:intake — intake against the durable-ingest ceiling and Prometheus Alertmanager, in one run.
//
// The load comes from wrk (Debian package, C; installed with apt-get when missing), the same for every server:
// one thread, 50 connections, one alert per request, 10 s per scenario, after a short warm-up: 90% duplicates
// (9 in 10 repeat one of 50 dedup keys) and all-new keys. Servers, each its own process, one after the other:
// - the ceiling (bench/lib/durable-ingest.mjs): JSON-parses each body, 202 after a batched INSERT commits;
// - intake (apps/intake/dist/main.js) on a database of the benchmark's own, PagerDuty Events v2 /v2/enqueue,
//   202 only once the alert's events are durably appended;
// - Alertmanager (Debian package prometheus-alertmanager, installed with apt-get when missing), POST
//   /api/v2/alerts, 200 once taken into its in-memory store.
// Printed: accepted alerts/s, p50/p99, and the ratios intake/ceiling and intake/Alertmanager.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { ensureDebianBinary } from './lib/debian.mjs';
import { benchDatabase, infrastructure, probe, require, ROOT } from './lib/infrastructure.mjs';
import { cpuSnapshot } from './lib/cpu.mjs';
import { ms, say } from './lib/stats.mjs';
import { freePort, stop, waitUntilUp } from './lib/service-process.mjs';
import { ensureWrk, runWrk } from './lib/wrk.mjs';

const { mintToken } = require('@incident/platform');

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const SCENARIOS = process.env.BENCH_SCENARIOS?.split(',') ?? ['duplicates', 'all-new'];

/** A warm-up (not reported), then each scenario; returns { scenario: wrk result }. */
async function measure(name, wrk, target, cpu) {
  const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  if (WARMUP_SECONDS > 0) {
    await runWrk(wrk, {
      ...target,
      connections: CONNECTIONS,
      seconds: WARMUP_SECONDS,
      scenario: 'duplicates',
      run: `w${run}`,
    });
  }
  const results = {};
  for (const scenario of SCENARIOS) {
    const before = cpuSnapshot(cpu.pids, cpu.database);
    // A run id per scenario: alerts.lua's new keys are `new-<run>-<count>`, and with one id for both scenarios
    // every tenth "all-new" key repeated a new key of the duplicates scenario before it.
    const result = await runWrk(wrk, {
      ...target,
      connections: CONNECTIONS,
      seconds: SECONDS,
      scenario,
      run: `${run}${scenario[0]}`,
    });
    const used = cpuSnapshot(cpu.pids, cpu.database).since(before);
    results[scenario] = result;
    const perAlert = (seconds) => `${Math.round((seconds * 1e6) / Math.max(1, result.accepted))} µs`;
    say(
      `  ${`${name}, ${scenario}`.padEnd(36)} ${Math.round(result.perSecond).toLocaleString('en').padStart(7)} alerts/s` +
        `  p50 ${ms(result.p50).padStart(9)}  p99 ${ms(result.p99).padStart(9)}` +
        `  (${result.accepted} accepted, ${result.refused} refused, ${result.failed} socket errors)` +
        `  CPU/alert: server ${perAlert(used.server)}, PostgreSQL ${perAlert(used.postgres)}`,
    );
  }
  return results;
}

async function benchCeiling(wrk, databaseUrl) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'bench/lib/durable-ingest.mjs')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise((resolve, reject) => {
      child.stdout.once('data', resolve);
      child.once('exit', (code) => reject(new Error(`the ceiling server exited with ${code}`)));
    });
    return await measure(
      'ceiling (durable ingest)',
      wrk,
      {
        url: `http://127.0.0.1:${port}/v2/enqueue`,
        format: 'pagerduty',
        key: 'ceiling',
      },
      { pids: [child.pid], database: databaseName(databaseUrl) },
    );
  } finally {
    await stop(child);
  }
}

async function benchIntake(wrk, databaseUrl, kafkaBrokers, run) {
  const port = await freePort();
  const secret = randomBytes(32).toString('hex');
  // BENCH_INTAKE_PROFILE=<dir>: intake writes a V8 CPU profile there on exit (for the hot-path notes).
  const profile = process.env.BENCH_INTAKE_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_INTAKE_PROFILE}`]
    : [];
  const child = spawn(process.execPath, [...profile, join(ROOT, 'apps/intake/dist/main.js')], {
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
    await waitUntilUp(`${base}/health/live`, child, 'intake', 150);
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
    return await measure(
      'intake /v2/enqueue',
      wrk,
      { url: `${base}/v2/enqueue`, format: 'pagerduty', key },
      { pids: [child.pid], database: databaseName(databaseUrl) },
    );
  } finally {
    await stop(child);
  }
}

async function benchAlertmanager(wrk) {
  const binary = ensureDebianBinary('/usr/bin/prometheus-alertmanager', 'prometheus-alertmanager');
  if (!binary) return null;
  const dir = mkdtempSync(join(tmpdir(), 'bench-alertmanager-'));
  const config = join(dir, 'alertmanager.yml');
  writeFileSync(config, 'route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n');
  const port = await freePort();
  const child = spawn(
    binary,
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
    await waitUntilUp(`${base}/-/ready`, child, 'alertmanager', 150);
    return await measure(
      'alertmanager /api/v2/alerts',
      wrk,
      { url: `${base}/api/v2/alerts`, format: 'alertmanager' },
      { pids: [child.pid], database: null },
    );
  } finally {
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

const databaseName = (url) => new URL(url).pathname.slice(1);

const ratio = (a, b) => `${(a / b).toFixed(2)}× (${Math.round((a / b) * 100)} %)`;

async function main() {
  const infra = infrastructure();
  await probe(infra);
  const wrk = ensureWrk();
  if (!wrk) throw new Error('wrk is required: apt-get update && apt-get install -y wrk');
  const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const database = await benchDatabase(infra.databaseUrl, `bench_intake_${run}`);
  say(
    `intake benchmark: wrk, 1 thread, ${CONNECTIONS} connections, one alert per request, ${SECONDS} s per scenario ` +
      `(load average before: ${loadavg()
        .map((value) => value.toFixed(2))
        .join(', ')})`,
  );
  try {
    // BENCH_SERVERS=intake (or ceiling,intake): only those, e.g. when profiling intake; ratios need the ceiling.
    const servers = process.env.BENCH_SERVERS?.split(',') ?? ['ceiling', 'intake', 'alertmanager'];
    const ceiling = servers.includes('ceiling') ? await benchCeiling(wrk, database.url) : null;
    const intake = await benchIntake(wrk, database.url, infra.kafkaBrokers, run);
    const alertmanager = servers.includes('alertmanager') ? await benchAlertmanager(wrk) : null;
    for (const scenario of ceiling ? SCENARIOS : []) {
      const ours = intake[scenario].perSecond;
      say(`  ${scenario}: intake / ceiling ${ratio(ours, ceiling[scenario].perSecond)}`);
      if (alertmanager) say(`  ${scenario}: intake / alertmanager ${ratio(ours, alertmanager[scenario].perSecond)}`);
    }
    say(
      `  load average after: ${loadavg()
        .map((value) => value.toFixed(2))
        .join(', ')}`,
    );
  } finally {
    await database.drop();
  }
}

main().catch((error) => {
  process.stderr.write(`bench:intake failed: ${error.stack ?? error}\n`);
  process.exit(1);
});
