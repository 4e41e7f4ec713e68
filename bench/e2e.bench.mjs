// npm run bench:e2e — from an alert sent to intake to its incident's row in the query API (the dashboard's view),
// at fixed rates of new incidents: p50/p90/p99/max, with the whole stack running and with intake and query alone.
//
// Stacks (BENCH_E2E_STACK, default `whole,minimal`: both, one after the other, each on a database and topic prefix
// of its own, then whole ÷ minimal per rate: what the rest of the stack costs the dashboard row):
//   whole    every app as `npm start` runs it, each its own process (apps/*/dist/main.js): relay, intake, triage,
//            escalation, remediation, review, query, console; the example config applied with the built CLI, its
//            people paged and its runbook executors called by webhook at a receiver in this process that answers
//            200 at once (so pages are delivered, not failed: bench/lib/e2e-stack.mjs). Every incident is an
//            availability.downtime alert of a directory service: triaged high, paged, three SLA clocks, a restart
//            run by remediation; review records it. About 10 events per incident.
//   minimal  intake and query only (query's projections follow the store; no relay is needed for the row).
// On the real PostgreSQL and Kafka (`npm run infra:up`, or DATABASE_URL and KAFKA_BROKERS).
//
// Alerts go at a fixed rate (BENCH_E2E_RATES, default 100,250,500 per second; BENCH_E2E_SECONDS each, default
// 60), round-robin over BENCH_E2E_KEYS integration keys (10, so no key's rate limit is what is measured), each
// alert a new dedup key and so a new incident titled by its number. A poller reads GET /v1/incidents (newest
// first: 50 rows, then pages of 200 while a page holds only unseen rows, so that the poller is not the load)
// every BENCH_E2E_POLL_MS (25 ms) and takes the first sighting of each title: latency = sighting - send, so it
// includes up to one poll interval. Once a second a sweep also reads every row opened around the oldest alert
// not yet seen, since rows can land below rows already seen; what it finds is timed when found (up to a second
// late, never early) and counted apart. An alert accepted whose row never appears is counted as "never seen".
//
// Per rate it also prints: CPU ms per new incident of each service, of the database's PostgreSQL backends, of
// the Kafka broker (shared with whatever else uses it: marked *) and of this process (load generator, poller,
// receiver), measured from the first send until every follower caught up; the events appended per incident and
// PostgreSQL transactions per incident; the largest lag of each follower of the store (relay and each projection,
// in store positions) and of each consumer group (in records) seen during the rate and at its end; and how long
// after the last row was seen everything had caught up (at most BENCH_E2E_DRAIN_SECONDS, 60: the next rate starts
// then, behind or not). For the whole stack also: alert sent → its incident's first page at the receiver, p50/p90/p99
// over every accepted alert (one not paged by the end of the drain counts as slower than all that were), and the
// timers due but not fired per queue (timers:escalation is pages waiting). Each app runs at the niceness `npm start`
// gives it (tools/lib/niceness.mjs): 19 for the relay and the lifecycle services, 0 for intake, query and the console;
// <NAME>_NICENESS overrides one, e.g. RELAY_NICENESS=0 TRIAGE_NICENESS=0 ESCALATION_NICENESS=0 REMEDIATION_NICENESS=0
// REVIEW_NICENESS=0 to see the dashboard's latency and the pages' when every app competes for the CPU alike.
//
// Total time with the defaults: about 12 minutes. BENCH_KEEP=1 keeps the databases; BENCH_E2E_PROFILE=<folder> has
// every service write a V8 CPU profile there when it stops.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchDatabase, infrastructure, probe, require } from './lib/infrastructure.mjs';
import { cpuSnapshot, findProcess, processSeconds } from './lib/cpu.mjs';
import { lagSampler } from './lib/e2e-lag.mjs';
import { applyConfig, stackEnv, startReceiver, startStack } from './lib/e2e-stack.mjs';
import { ms, percentile, say } from './lib/stats.mjs';

const { mintToken } = require('@incident/platform');

const RATES = (process.env.BENCH_E2E_RATES ?? '100,250,500').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_E2E_SECONDS ?? 60);
const KEYS = Number(process.env.BENCH_E2E_KEYS ?? 10);
const POLL_MS = Number(process.env.BENCH_E2E_POLL_MS ?? 25);
const STACK = (process.env.BENCH_E2E_STACK ?? 'whole,minimal').split(',').map((kind) => kind.trim());
const SETTLE_MS = 30_000;
const SWEEP_MS = 1000;
const DRAIN_MS = Number(process.env.BENCH_E2E_DRAIN_SECONDS ?? 60) * 1000;

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** A small HTTP client on a keep-alive agent: at 500 requests/s, fetch's own cost would be measured too. */
function request(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Integration keys spread over the directory's customers and services (so triage and escalation find them). */
const TARGETS = [
  ['acme', 'acme-api'],
  ['globex', 'globex-storefront'],
  ['initech', 'initech-payments-worker'],
];

async function integrationKeys(intake, token, count) {
  const keys = [];
  for (let n = 0; n < count; n++) {
    const [customerId, service] = TARGETS[n % TARGETS.length];
    const created = await request(`${intake}/v1/integrations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `e2e-${n}`,
        source: 'bench',
        customerId,
        service,
        defaultCategory: 'availability.downtime',
      }),
    });
    if (created.status !== 201) throw new Error(`POST /v1/integrations: ${created.status} ${created.text}`);
    keys.push(JSON.parse(created.text).key);
  }
  return keys;
}

/** Reads `url` and every page after it; records each unseen title's sighting; returns how many were new. */
async function readPages(url, headers, sent, seen, { firstLimit = 200, maxPages, stopAtSeen }) {
  let cursor;
  let found = 0;
  for (let page = 0; page < maxPages; page++) {
    const limit = `limit=${page === 0 ? firstLimit : 200}`;
    const response = await request(`${url}${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
      headers,
    });
    if (response.status !== 200) throw new Error(`GET /v1/incidents: ${response.status} ${response.text}`);
    const { items, nextCursor } = JSON.parse(response.text);
    const now = performance.now();
    let fresh = 0;
    for (const item of items) {
      const at = sent.get(item.title);
      if (at === undefined || seen.has(item.title)) continue;
      seen.set(item.title, now - at);
      fresh += 1;
    }
    found += fresh;
    if ((stopAtSeen && fresh < items.length) || !nextCursor) break;
    cursor = nextCursor;
  }
  return found;
}

/** The send time (performance.now()) of the oldest accepted alert not seen yet, sent before `before`. */
function oldestUnseen(sent, seen, before) {
  for (const [title, at] of sent) {
    if (at >= before) return undefined;
    if (!seen.has(title)) return at;
  }
  return undefined;
}

/**
 * Polls the dashboard list until every title sent has been seen (or SETTLE_MS after the last send). Two readers:
 * the top of the list every POLL_MS (newest first, stopping at the first page that holds a row already seen, so
 * the poller is not the load), and once a second a sweep of the rows opened around the oldest alert still unseen
 * after a second. The projection writes up to 16 incidents at once, so a row can land below rows already seen,
 * where the top reader never looks; before the sweep such rows were "never seen", and they were the slow ones.
 * A row found by the sweep is timed when the sweep finds it: up to a second late, never early.
 */
async function watch(query, token, sent, seen, sending) {
  const headers = { authorization: `Bearer ${token}` };
  let quietSince;
  let lastSweep = performance.now();
  for (;;) {
    await readPages(`${query}/v1/incidents?`, headers, sent, seen, { firstLimit: 50, maxPages: 10, stopAtSeen: true });
    if (performance.now() - lastSweep >= SWEEP_MS) {
      lastSweep = performance.now();
      const oldest = oldestUnseen(sent, seen, lastSweep - SWEEP_MS);
      if (oldest !== undefined) {
        const wall = performance.timeOrigin + oldest;
        const window = `openedFrom=${new Date(wall - 500).toISOString()}&openedTo=${new Date(wall + 3000).toISOString()}`;
        sending.swept += await readPages(`${query}/v1/incidents?${window}&`, headers, sent, seen, {
          maxPages: Infinity,
          stopAtSeen: false,
        });
      }
    }
    if (!sending.done) {
      await sleep(POLL_MS);
      continue;
    }
    if (seen.size >= sending.accepted) return;
    quietSince ??= performance.now();
    if (performance.now() - quietSince > SETTLE_MS) return;
    await sleep(POLL_MS);
  }
}

/** Sends `rate` new alerts a second for SECONDS; resolves with the latencies once every accepted one was seen. */
async function atRate(intake, query, token, keys, rate, run) {
  const sent = new Map();
  const seen = new Map();
  const sending = { done: false, accepted: 0, refused: 0, swept: 0, why: new Map() };
  const answered = [];
  const watching = watch(query, token, sent, seen, sending);
  const total = rate * SECONDS;
  const started = performance.now();
  const inFlight = new Set();
  let next = 0;
  while (next < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) * rate) / 1000) + 1);
    for (; next < due; next++) {
      const title = `e2e ${run} ${rate}/s #${next}`;
      const body = JSON.stringify({
        routing_key: keys[next % keys.length],
        event_action: 'trigger',
        dedup_key: `e2e-${run}-${rate}-${next}`,
        payload: { summary: title, source: 'bench', severity: 'error' },
      });
      const at = performance.now();
      sent.set(title, at);
      const sending_ = request(`${intake}/v2/enqueue`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }).then(
        (response) => {
          answered.push(performance.now() - at);
          if (response.status === 202) sending.accepted++;
          else {
            sent.delete(title);
            sending.refused++;
            const why = `${response.status} ${response.text.slice(0, 120)}`;
            sending.why.set(why, (sending.why.get(why) ?? 0) + 1);
          }
        },
        (error) => {
          sent.delete(title);
          sending.refused++;
          sending.why.set(error.message, (sending.why.get(error.message) ?? 0) + 1);
        },
      );
      inFlight.add(sending_);
      void sending_.finally(() => inFlight.delete(sending_));
    }
    await sleep(5);
  }
  const sendSeconds = (performance.now() - started) / 1000;
  await Promise.all(inFlight);
  sending.done = true;
  await watching;
  for (const [why, count] of sending.why) say(`    refused ${count}×: ${why}`);
  return {
    rate,
    sentPerSecond: total / sendSeconds,
    latencies: [...seen.values()].sort((a, b) => a - b),
    answered: answered.sort((a, b) => a - b),
    accepted: sending.accepted,
    refused: sending.refused,
    unseen: sending.accepted - seen.size,
    swept: sending.swept,
    sent,
  };
}

const loads = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');

/**
 * CPU seconds so far of each service, the (shared) Kafka broker and this process, and a snapshot of the
 * database's backends (compared per backend: one that ended between two snapshots is missed, not subtracted).
 */
function cpuNow(services, database, kafkaPid) {
  const figures = new Map(services.map((service) => [service.name, processSeconds(service.pid)]));
  if (kafkaPid) figures.set('kafka*', processSeconds(kafkaPid));
  const own = process.cpuUsage();
  figures.set('bench', (own.user + own.system) / 1e6);
  return { figures, postgres: cpuSnapshot([], database) };
}

/** CPU seconds between two cpuNow()s, PostgreSQL's backends among them. */
function cpuBetween(before, after) {
  const spent = new Map([...after.figures].map(([key, secs]) => [key, secs - (before.figures.get(key) ?? 0)]));
  spent.set('postgres', after.postgres.since(before.postgres).postgres);
  return spent;
}

/** Waits (up to DRAIN_MS) until no follower lags, so the next rate starts on a quiet stack; returns the time. */
async function drain(lag) {
  const started = performance.now();
  while (performance.now() - started < DRAIN_MS) {
    const { figures } = await lag.sample();
    if (Object.values(figures).every((value) => value === 0)) break;
    await sleep(500);
  }
  return performance.now() - started;
}

function report(result, cpu, lagged, drainMs, seconds) {
  const { rate, latencies, answered } = result;
  say(
    `  ${String(rate).padStart(4)} new incidents/s (sent ${Math.round(result.sentPerSecond)}/s for ${SECONDS} s): ` +
      `p50 ${ms(percentile(latencies, 0.5))}, p90 ${ms(percentile(latencies, 0.9))}, ` +
      `p99 ${ms(percentile(latencies, 0.99))}, max ${ms(latencies.at(-1) ?? NaN)}` +
      `; intake's 202 p50 ${ms(percentile(answered, 0.5))}, p99 ${ms(percentile(answered, 0.99))}` +
      `  (${result.accepted} accepted, ${result.refused} refused, ${result.swept} found by the sweep, ${result.unseen} never seen)`,
  );
  const perIncident = [...cpu]
    .map(([name, secs]) => `${name} ${((secs * 1000) / Math.max(1, result.accepted)).toFixed(2)}`)
    .join(', ');
  const total = [...cpu].reduce((sum, [name, secs]) => (name === 'kafka*' ? sum : sum + secs), 0);
  say(
    `       CPU ms per incident: ${perIncident}; stack + postgres + bench ${((total * 1000) / Math.max(1, result.accepted)).toFixed(2)} ms` +
      ` = ${(total / seconds).toFixed(2)} cores over ${seconds.toFixed(0)} s (* shared broker)`,
  );
  if (lagged.events > 0 || Object.keys(lagged.max).length > 0) {
    const lags = Object.entries(lagged.max)
      .map(([name, max]) => `${name} ${max}${lagged.last[name] ? `→${lagged.last[name]}` : ''}`)
      .join(', ');
    say(
      `       ${lagged.events} events appended (${(lagged.events / Math.max(1, result.accepted)).toFixed(1)} per incident); ` +
        `${(lagged.transactions / Math.max(1, result.accepted)).toFixed(1)} PostgreSQL transactions per incident; ` +
        `largest lag (→ at the end of sending): ${lags}; ${drainMs >= DRAIN_MS ? `still behind ${DRAIN_MS / 1000} s` : `all caught up ${(drainMs / 1000).toFixed(1)} s`} after the last row was seen`,
    );
  }
}

/**
 * Alert sent → its first page at the receiver, over every accepted alert; one not paged by now counts as slower
 * than any that was (so the percentiles do not flatter a stack that fell behind).
 */
function reportPages(result, firstPages) {
  const latencies = [];
  for (const [title, at] of result.sent) {
    const paged = firstPages.get(title);
    if (paged !== undefined) latencies.push(paged - at);
  }
  latencies.sort((a, b) => a - b);
  const missing = result.sent.size - latencies.length;
  const all = [...latencies, ...Array.from({ length: missing }, () => Infinity)];
  const shown = (q) => {
    const value = percentile(all, q);
    return Number.isFinite(value) ? ms(value) : 'not yet paged';
  };
  say(
    `       alert → first page: p50 ${shown(0.5)}, p90 ${shown(0.9)}, p99 ${shown(0.99)}; ` +
      `${latencies.length} of ${result.sent.size} paged by now${missing > 0 ? ` (${missing} not yet)` : ''}`,
  );
}

/** One stack on a database of its own: start, every rate, stop; returns the rates' results. */
async function runStack(kind, infra, kafkaPid) {
  const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const name = `bench_e2e_${run}`;
  const database = await benchDatabase(infra.databaseUrl, name);
  const env = stackEnv({ databaseUrl: database.url, kafkaBrokers: infra.kafkaBrokers, run });
  const receiver = await startReceiver();
  let services = [];
  let lag;
  const results = [];
  try {
    if (kind === 'whole') await applyConfig(env, receiver.url);
    const startedAt = performance.now();
    services = await startStack(kind, env);
    const named = (service) => (service.niceness ? `${service.name} at niceness ${service.niceness}` : service.name);
    const base = (app) => services.find((service) => service.name === app).base;
    const issuer = { secret: env.AUTH_JWT_SECRET, issuer: 'incident-platform' };
    const admin = mintToken(issuer, { subject: 'bench', roles: ['admin'], expiresIn: '2h' });
    const responder = mintToken(issuer, { subject: 'bench', roles: ['responder'], expiresIn: '2h' });
    const keys = await integrationKeys(base('intake'), admin, KEYS);
    lag = await lagSampler({
      databaseUrl: database.url,
      kafkaBrokers: infra.kafkaBrokers,
      prefix: env.KAFKA_TOPIC_PREFIX,
      relay: kind === 'whole',
    });
    say(
      `${kind} stack on database ${name} (${services.map(named).join(', ')}; up in ${((performance.now() - startedAt) / 1000).toFixed(1)} s), ` +
        `${KEYS} integration keys, polling every ${POLL_MS} ms (load average before: ${loads()})`,
    );
    for (const rate of RATES) {
      const before = cpuNow(services, name, kafkaPid);
      const startedRate = performance.now();
      lag.start();
      const result = await atRate(base('intake'), base('query'), responder, keys, rate, run);
      const lagged = await lag.stop();
      const drainMs = await drain(lag);
      const after = cpuNow(services, name, kafkaPid);
      await sleep(1_000); // PostgreSQL's statistics trail by up to a second
      lagged.transactions = await lag.transactions();
      const cpu = cpuBetween(before, after);
      report(result, cpu, lagged, drainMs, (performance.now() - startedRate) / 1000);
      if (kind === 'whole') {
        const counts = [...receiver.counts()].map(([what, count]) => `${what} ${count}`).join(', ');
        say(`       receiver so far: ${counts || 'nothing'}`);
        reportPages(result, receiver.firstPages());
      }
      results.push(result);
    }
    say(`  load average after: ${loads()}`);
    for (const service of services) {
      if (service.child.exitCode !== null)
        say(`  ${service.name} exited (${service.child.exitCode}):\n${service.logs()}`);
    }
  } finally {
    await lag?.close();
    await Promise.all(services.map((service) => service.stop()));
    await receiver.close();
    if (process.env.BENCH_KEEP === '1') say(`  kept database ${name}`);
    else await database.drop();
  }
  return results;
}

async function main() {
  const infra = infrastructure();
  await probe(infra);
  const kafkaPid = findProcess('kafka.Kafka');
  say(
    `bench:e2e: alert sent → incident row in GET /v1/incidents; stacks ${STACK.join(', ')}; rates ${RATES.join(', ')}/s`,
  );
  const results = new Map();
  try {
    for (const kind of STACK) results.set(kind, await runStack(kind, infra, kafkaPid));
  } finally {
    agent.destroy();
  }
  if (results.has('whole') && results.has('minimal')) {
    say('whole ÷ minimal (what the rest of the stack costs the dashboard row):');
    results.get('whole').forEach((whole, i) => {
      const minimal = results.get('minimal')[i];
      const ratio = (p) => (percentile(whole.latencies, p) / percentile(minimal.latencies, p)).toFixed(2);
      say(`  ${String(whole.rate).padStart(4)}/s: p50 ${ratio(0.5)}×, p99 ${ratio(0.99)}×`);
    });
  }
}

main().catch((error) => {
  process.stderr.write(`bench:e2e failed: ${error.stack ?? error}\n`);
  process.exit(1);
});
