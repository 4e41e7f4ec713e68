// npm run bench:e2e — from an alert sent to intake to its incident's row in the query API (the dashboard's view),
// at fixed rates of new incidents: p50/p99/max.
//
// Intake and query run as their own processes (apps/*/dist/main.js) on a database of the benchmark's own, on the
// real PostgreSQL and Kafka (`npm run infra:up`); query's projections follow the store and wake on its doorbell.
// Alerts go at a fixed rate (BENCH_E2E_RATES, default 100,250,500 per second; BENCH_E2E_SECONDS each, default
// 60), round-robin over BENCH_E2E_KEYS integration keys (10, so no key's rate limit is what is measured), each
// alert a new dedup key and so a new incident titled by its number. A poller reads GET /v1/incidents (newest
// first: 50 rows, then pages of 200 while a page holds only unseen rows, so that the poller is not the load)
// every BENCH_E2E_POLL_MS (25 ms) and takes the first sighting of each title: latency = sighting - send, so it
// includes up to one poll interval.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchDatabase, infrastructure, probe, require } from './lib/infrastructure.mjs';
import { startService } from './lib/service-process.mjs';
import { ms, percentile, say } from './lib/stats.mjs';

const { mintToken } = require('@incident/platform');

const RATES = (process.env.BENCH_E2E_RATES ?? '100,250,500').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_E2E_SECONDS ?? 60);
const KEYS = Number(process.env.BENCH_E2E_KEYS ?? 10);
const POLL_MS = Number(process.env.BENCH_E2E_POLL_MS ?? 25);
const SETTLE_MS = 30_000;

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

async function integrationKeys(intake, token, count) {
  const keys = [];
  for (let n = 0; n < count; n++) {
    const created = await request(`${intake}/v1/integrations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `e2e-${n}`,
        source: 'bench',
        customerId: `customer-${n}`,
        service: 'web',
        defaultCategory: 'availability.downtime',
      }),
    });
    keys.push(JSON.parse(created.text).key);
  }
  return keys;
}

/** Polls the dashboard list until every title sent has been seen (or SETTLE_MS after the last send). */
async function watch(query, token, sent, seen, sending) {
  const headers = { authorization: `Bearer ${token}` };
  let quietSince;
  for (;;) {
    let cursor;
    for (let page = 0; page < 10; page++) {
      const url = `${query}/v1/incidents?limit=${page === 0 ? 50 : 200}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const response = await request(url, { headers });
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
      if (fresh < items.length || !nextCursor) break;
      cursor = nextCursor;
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

async function atRate(intake, query, token, keys, rate, run) {
  const sent = new Map();
  const seen = new Map();
  const sending = { done: false, accepted: 0, refused: 0, why: new Map() };
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
            sending.refused++;
            const why = `${response.status} ${response.text.slice(0, 120)}`;
            sending.why.set(why, (sending.why.get(why) ?? 0) + 1);
          }
        },
        (error) => {
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
  const latencies = [...seen.values()].sort((a, b) => a - b);
  for (const [why, count] of sending.why) say(`    refused ${count}×: ${why}`);
  answered.sort((a, b) => a - b);
  say(
    `  ${String(rate).padStart(4)} new incidents/s (sent ${Math.round(total / sendSeconds)}/s for ${SECONDS} s): ` +
      `p50 ${ms(percentile(latencies, 0.5))}, p90 ${ms(percentile(latencies, 0.9))}, ` +
      `p99 ${ms(percentile(latencies, 0.99))}, max ${ms(latencies.at(-1) ?? NaN)}` +
      `; intake's 202 p50 ${ms(percentile(answered, 0.5))}, p99 ${ms(percentile(answered, 0.99))}` +
      `  (${sending.accepted} accepted, ${sending.refused} refused, ${sending.accepted - seen.size} never seen)`,
  );
}

async function main() {
  const infra = infrastructure();
  await probe(infra);
  const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const database = await benchDatabase(infra.databaseUrl, `bench_e2e_${run}`);
  const secret = randomBytes(32).toString('hex');
  const env = {
    DATABASE_URL: database.url,
    KAFKA_BROKERS: infra.kafkaBrokers,
    AUTH_JWT_SECRET: secret,
    KAFKA_TOPIC_PREFIX: `bench-${run}.`,
    INTAKE_RATE_LIMIT_PER_MINUTE: '1000000',
  };
  const services = [];
  try {
    const intake = await startService('intake', env);
    services.push(intake);
    const query = await startService('query', env);
    services.push(query);
    const issuer = { secret, issuer: 'incident-platform' };
    const admin = mintToken(issuer, { subject: 'bench', roles: ['admin'], expiresIn: '1h' });
    const responder = mintToken(issuer, { subject: 'bench', roles: ['responder'], expiresIn: '1h' });
    const keys = await integrationKeys(intake.base, admin, KEYS);
    say(
      `alert → dashboard row: intake and query, ${KEYS} integration keys, polling every ${POLL_MS} ms ` +
        `(load average before: ${loadavg()
          .map((value) => value.toFixed(2))
          .join(', ')})`,
    );
    for (const rate of RATES) await atRate(intake.base, query.base, responder, keys, rate, run);
    say(
      `  load average after: ${loadavg()
        .map((value) => value.toFixed(2))
        .join(', ')}`,
    );
  } finally {
    for (const service of services.reverse()) await service.stop();
    agent.destroy();
    await database.drop();
  }
}

main().catch((error) => {
  process.stderr.write(`bench:e2e failed: ${error.stack ?? error}\n`);
  process.exit(1);
});
