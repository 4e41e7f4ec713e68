// npm run bench:intake — intake against the durable-ingest ceiling and Prometheus Alertmanager, in one run.
//
// The load comes from wrk (Debian package, C; installed with apt-get when missing), the same for every server:
// one thread, 50 connections, one alert per request, 10 s per scenario and server after a short warm-up, in 5 turns
// of 2 s (BENCH_ROUNDS) that the servers take in rotation, so that the machine's drift falls on all of them alike:
// 90% duplicates (9 in 10 repeat one of 50 dedup keys) and all-new keys. Servers, each its own process, all up:
// - the ceiling (bench/lib/durable-ingest.mjs): JSON-parses each body, 202 after a batched INSERT commits;
// - intake (apps/intake/dist/main.js) on a database of the benchmark's own, PagerDuty Events v2 /v2/enqueue,
//   202 only once the alert's events are durably appended;
// - Alertmanager (Debian package prometheus-alertmanager, installed with apt-get when missing), POST
//   /api/v2/alerts, 200 once taken into its in-memory store.
// Printed: accepted alerts/s, p50/p99 (of all the turns together), CPU per alert, and the ratios
// intake/ceiling and intake/Alertmanager.
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
import { ensureWrk, mergedPercentile, runWrk } from './lib/wrk.mjs';

const { mintToken } = require('@incident/platform');

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const SCENARIOS = process.env.BENCH_SCENARIOS?.split(',') ?? ['duplicates', 'all-new'];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

/** A warm-up (not reported), so that every server is measured warm, its JIT and caches settled. */
async function warmUp(wrk, server) {
  if (WARMUP_SECONDS <= 0) return;
  const run = `w${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  await runWrk(wrk, {
    ...server.target,
    connections: CONNECTIONS,
    seconds: WARMUP_SECONDS,
    scenario: 'duplicates',
    run,
  });
}

/**
 * Every server for each scenario, in ROUNDS slices taking turns (the order rotating each round), rather than each
 * server's whole run one after the other: this machine's speed drifts by itself within a minute (a fixed loop took
 * 786, 1,117 and 1,503 ms a minute apart), and a ratio of two runs half a minute apart measured the drift as much
 * as the servers. Returns { server name: { scenario: totals } }.
 */
async function measureInTurns(wrk, servers) {
  const slice = Math.max(1, Math.round(SECONDS / ROUNDS)); // wrk takes whole seconds
  const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const totals = Object.fromEntries(
    servers.map((server) => [
      server.name,
      Object.fromEntries(
        SCENARIOS.map((scenario) => [
          scenario,
          { accepted: 0, refused: 0, failed: 0, seconds: 0, server: 0, postgres: 0, turns: [] },
        ]),
      ),
    ]),
  );
  // Scenario after scenario as before (an all-new turn in between would push the duplicates' groups out of intake's
  // caches, and measure re-reading their incidents instead), the servers taking turns within each.
  for (const scenario of SCENARIOS) {
    for (let round = 0; round < ROUNDS; round += 1) {
      const order = servers.map((_, index) => servers[(index + round) % servers.length]);
      const line = [];
      for (const server of order) {
        const before = cpuSnapshot(server.cpu.pids, server.cpu.database);
        // A run id per scenario and round: alerts.lua's new keys are `new-<run>-<count>`, and must not repeat a key
        // of an earlier slice (every tenth "all-new" key once repeated one of the duplicates scenario).
        const result = await runWrk(wrk, {
          ...server.target,
          connections: CONNECTIONS,
          seconds: slice,
          scenario,
          run: `${run}${scenario[0]}${round}`,
        });
        const used = cpuSnapshot(server.cpu.pids, server.cpu.database).since(before);
        const total = totals[server.name][scenario];
        total.accepted += result.accepted;
        total.refused += result.refused;
        total.failed += result.failed;
        total.seconds += result.seconds;
        total.server += used.server;
        total.postgres += used.postgres;
        total.turns.push(result);
        line.push(`${server.name.split(' ')[0]} ${Math.round(result.perSecond).toLocaleString('en')}/s`);
      }
      say(`  ${scenario}, turn ${round + 1}/${ROUNDS}: ${line.join(', ')}`);
    }
  }
  for (const server of servers) {
    for (const scenario of SCENARIOS) {
      const total = totals[server.name][scenario];
      total.perSecond = total.accepted / total.seconds;
      const perAlert = (seconds) => `${Math.round((seconds * 1e6) / Math.max(1, total.accepted))} µs`;
      const p50 = mergedPercentile(total.turns, 50);
      const p99 = mergedPercentile(total.turns, 99);
      say(
        `  ${`${server.name}, ${scenario}`.padEnd(36)} ${Math.round(total.perSecond).toLocaleString('en').padStart(7)} alerts/s` +
          `  p50 ${ms(p50).padStart(9)}  p99 ${ms(p99).padStart(9)}` +
          `  (${total.accepted} accepted, ${total.refused} refused, ${total.failed} socket errors)` +
          `  CPU/alert: server ${perAlert(total.server)}, PostgreSQL ${perAlert(total.postgres)}`,
      );
    }
  }
  return totals;
}

/** Each start function returns { name, target, cpu, stop }: a server up and ready for wrk. */
async function startCeiling(databaseUrl) {
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
  } catch (error) {
    await stop(child);
    throw error;
  }
  return {
    name: 'ceiling (durable ingest)',
    target: { url: `http://127.0.0.1:${port}/v2/enqueue`, format: 'pagerduty', key: 'ceiling' },
    cpu: { pids: [child.pid], database: databaseName(databaseUrl) },
    stop: () => stop(child),
  };
}

async function startIntake(databaseUrl, kafkaBrokers, run) {
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
    return {
      name: 'intake /v2/enqueue',
      target: { url: `${base}/v2/enqueue`, format: 'pagerduty', key },
      cpu: { pids: [child.pid], database: databaseName(databaseUrl) },
      stop: () => stop(child),
    };
  } catch (error) {
    await stop(child);
    throw error;
  }
}

async function startAlertmanager() {
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
  const stopAll = async () => {
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(`${base}/-/ready`, child, 'alertmanager', 150);
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    name: 'alertmanager /api/v2/alerts',
    target: { url: `${base}/api/v2/alerts`, format: 'alertmanager' },
    cpu: { pids: [child.pid], database: null },
    stop: stopAll,
  };
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
  const ceilingDatabase = await benchDatabase(infra.databaseUrl, `bench_ceiling_${run}`);
  say(
    `intake benchmark: wrk, 1 thread, ${CONNECTIONS} connections, one alert per request, ${SECONDS} s per scenario ` +
      `and server, in ${ROUNDS} turns of ${Math.max(1, Math.round(SECONDS / ROUNDS))} s each ` +
      `(load average before: ${loadavg()
        .map((value) => value.toFixed(2))
        .join(', ')})`,
  );
  const started = [];
  try {
    // BENCH_SERVERS=intake (or ceiling,intake): only those, e.g. when profiling intake; ratios need the ceiling.
    const wanted = process.env.BENCH_SERVERS?.split(',') ?? ['ceiling', 'intake', 'alertmanager'];
    // The ceiling on a database of its own, so that each server's PostgreSQL CPU is its own backends'.
    if (wanted.includes('ceiling')) started.push(await startCeiling(ceilingDatabase.url));
    started.push(await startIntake(database.url, infra.kafkaBrokers, run));
    if (wanted.includes('alertmanager')) {
      const alertmanager = await startAlertmanager();
      if (alertmanager) started.push(alertmanager);
    }
    for (const server of started) await warmUp(wrk, server);
    const totals = await measureInTurns(wrk, started);
    const ceiling = totals['ceiling (durable ingest)'];
    const intake = totals['intake /v2/enqueue'];
    const alertmanager = totals['alertmanager /api/v2/alerts'];
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
    for (const server of started) await server.stop();
    await database.drop();
    await ceilingDatabase.drop();
  }
}

main().catch((error) => {
  process.stderr.write(`bench:intake failed: ${error.stack ?? error}\n`);
  process.exit(1);
});
