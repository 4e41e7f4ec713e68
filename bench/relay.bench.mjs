// npm run bench:relay — the relay's throughput and latency, on the real PostgreSQL and Kafka (`npm run infra:up`).
//
// Measured from this process, one clock (performance.now()) for both ends: an event's time "appended" is when
// the event store's append() resolved (committed), "consumed" is when a kafkajs consumer of incident.events
// received it. The relay runs as its own process with its production defaults.
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { startConsumer } from './lib/consumer.mjs';
import { benchDatabase, infrastructure, kafka, probe, require } from './lib/infrastructure.mjs';
import { startRelay } from './lib/relay-process.mjs';
import { ms, percentile, progress, rate, say } from './lib/stats.mjs';

const { createEventStore } = require('@incident/event-store');
const { incidentStreamId } = require('@incident/domain');

const BURST_EVENTS = Number(process.env.BENCH_BURST_EVENTS ?? 20_000);
const STEADY_RATE = Number(process.env.BENCH_STEADY_RATE ?? 1_000);
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 20);
// Two events per append by default: on a two-core machine that also runs PostgreSQL, Kafka, the relay and this
// process, the store's append path (one fsync'd transaction each) tops out below 1,000 appends/s; the relay's
// work is per event and per page, so this keeps the steady phase at the event rate it is meant to measure.
const STEADY_EVENTS_PER_APPEND = Number(process.env.BENCH_STEADY_EVENTS_PER_APPEND ?? 2);
const ANCHOR_ROUNDS = Number(process.env.BENCH_ANCHOR_ROUNDS ?? 2);
const ANCHOR_INTERVAL_MS = Number(process.env.BENCH_ANCHOR_INTERVAL_MS ?? 1_000);
const STREAMS = 1_000;
const CONCURRENCY = 32;

const appendedAt = new Map();
let sequence = 0;

/** `count` events appended to one of STREAMS incident streams in one append; notes when the store acknowledged. */
async function appendOne(store, count = 1) {
  const n = sequence++;
  const events = Array.from({ length: count }, () => {
    // The store draws event ids itself; a correlation id of the bench's own marks each event end to end.
    const correlationId = randomUUID();
    const metadata = { occurredAt: new Date().toISOString(), actor: { kind: 'system', id: 'bench' }, correlationId };
    return { type: 'BenchEvent', data: { n }, metadata };
  });
  await store.append(incidentStreamId(`bench-${n % STREAMS}`), events, 'any');
  const now = performance.now();
  for (const event of events) appendedAt.set(event.metadata.correlationId, now);
  return events.map((event) => event.metadata.correlationId);
}

async function appendBurst(store, count) {
  const ids = [];
  let remaining = count;
  const worker = async () => {
    while (remaining-- > 0) ids.push(...(await appendOne(store)));
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return ids;
}

async function allConsumed(ids, arrivals, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  while (!ids.every((id) => arrivals.has(id))) {
    if (Date.now() > deadline)
      throw new Error(`only ${ids.filter((id) => arrivals.has(id)).length}/${ids.length} consumed`);
    await sleep(20);
  }
  return ids.reduce((latest, id) => Math.max(latest, arrivals.get(id)), 0);
}

/**
 * STEADY_RATE appends per second, scheduled against the clock (not one after another), for STEADY_SECONDS;
 * at most CONCURRENCY in flight, so a store that cannot keep up shows as a lower achieved rate.
 */
async function steady(store, arrivals) {
  const ids = [];
  const inFlight = new Set();
  const total = (STEADY_RATE * STEADY_SECONDS) / STEADY_EVENTS_PER_APPEND;
  let issued = 0;
  const stopProgress = progress(
    () => `${ids.length} appended, ${ids.filter((id) => arrivals.has(id)).length} consumed`,
  );
  const start = performance.now();
  while (issued < total) {
    const due = Math.min(
      total,
      Math.floor(((performance.now() - start) * STEADY_RATE) / STEADY_EVENTS_PER_APPEND / 1000),
    );
    for (; issued < due && inFlight.size < CONCURRENCY; issued++) {
      const append = appendOne(store, STEADY_EVENTS_PER_APPEND).then((appended) => {
        inFlight.delete(append);
        ids.push(...appended);
      });
      inFlight.add(append);
    }
    await sleep(1);
  }
  await Promise.all(inFlight);
  const appendSeconds = (performance.now() - start) / 1000;
  await allConsumed(ids, arrivals);
  stopProgress();
  const latencies = ids.map((id) => arrivals.get(id) - appendedAt.get(id)).sort((a, b) => a - b);
  return { count: ids.length, appendSeconds, latencies };
}

/**
 * Steady latency is measured from a settled relay. A fresh anchorer first creates or finds its topic, reads the
 * newest anchor, then anchors everything since that anchor's checkpoint: the previous round's 20,000 events. That
 * start-up and catch-up is paid once per start, not per event, so the load starts once the anchorer holds its
 * lock and has published nothing new for two intervals; a relay without it waits as long, to keep them alike.
 */
async function settled(relay, mode) {
  const started = Date.now();
  if (mode === 'off') return sleep(3_000);
  let published = -1;
  for (let quiet = 0; quiet < 2 && Date.now() - started < 60_000; await sleep(ANCHOR_INTERVAL_MS)) {
    const now = await relay.metrics(['audit_anchorer_active', 'audit_anchors_published_total']);
    const count = now.audit_anchors_published_total || 0;
    quiet = now.audit_anchorer_active === 1 && count > 0 && count === published ? quiet + 1 : 0;
    published = count;
  }
  const waited = Date.now() - started;
  if (waited < 3_000) await sleep(3_000 - waited);
}

/**
 * The steady phase again with the relay restarted without and with audit anchoring (issue 20), alternating
 * off/on so that drift in a shared machine's load falls on both. Anchors every ANCHOR_INTERVAL_MS (1 s, ten
 * times the default) so that the cost shows; medians of the rounds' p50 and p99.
 */
async function anchoringCost(store, arrivals, relayEnv) {
  const key = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
  const modes = { off: { AUDIT_SIGNING_KEY: undefined }, on: { AUDIT_SIGNING_KEY: key } };
  const seen = { off: [], on: [] };
  say(
    `\n4. audit anchoring: the steady load, ${ANCHOR_ROUNDS} rounds each without and with it (anchor every ${ANCHOR_INTERVAL_MS} ms)`,
  );
  for (let round = 1; round <= ANCHOR_ROUNDS; round += 1) {
    for (const mode of ['off', 'on']) {
      const relay = await startRelay({
        ...relayEnv,
        AUDIT_ANCHOR_INTERVAL_MS: String(ANCHOR_INTERVAL_MS),
        ...modes[mode],
      });
      try {
        await settled(relay, mode);
        const load = await steady(store, arrivals);
        const figures = { p50: percentile(load.latencies, 0.5), p99: percentile(load.latencies, 0.99) };
        seen[mode].push(figures);
        // Proof the mode is what it says: the anchorer's own count of what it signed and published; and the
        // relay's event-loop lag over the round (prom-client's, reset by the scrapes before the load), which
        // shows a stall of the relay's loop apart from the machine's noise in the latencies; and the CPU time the
        // relay process used since it started (with anchoring: what the anchorer costs, whatever the load).
        const scraped = await relay.metrics([
          'audit_anchors_published_total',
          'audit_anchored_heads_total',
          'nodejs_eventloop_lag_p99_seconds',
          'nodejs_eventloop_lag_max_seconds',
          'process_cpu_seconds_total',
        ]);
        const anchors = scraped.audit_anchors_published_total || 0;
        const heads = scraped.audit_anchored_heads_total || 0;
        const cpu = `relay CPU ${scraped.process_cpu_seconds_total.toFixed(1)} s`;
        const lag = `loop lag p99 ${ms(scraped.nodejs_eventloop_lag_p99_seconds * 1000)}, max ${ms(scraped.nodejs_eventloop_lag_max_seconds * 1000)}`;
        say(
          `   round ${round}, anchoring ${mode}: p50 ${ms(figures.p50)}, p99 ${ms(figures.p99)} (${anchors} anchors over ${heads} stream heads; ${cpu}, ${lag})`,
        );
      } finally {
        await relay.stop();
      }
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
  const of = (mode, field) => median(seen[mode].map((figures) => figures[field]));
  return { p50Ratio: of('on', 'p50') / of('off', 'p50'), p99Ratio: of('on', 'p99') / of('off', 'p99') };
}

async function main() {
  const infra = infrastructure();
  await probe(infra);
  const tag = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const database = await benchDatabase(infra.databaseUrl, `bench_relay_${tag}`);
  const prefix = `bench-relay-${tag}.`;
  const relayEnv = { DATABASE_URL: database.url, KAFKA_BROKERS: infra.kafkaBrokers, KAFKA_TOPIC_PREFIX: prefix };
  const store = await createEventStore({ databaseUrl: database.url });
  let relay;
  let consumer;
  try {
    say(
      `relay benchmark: PostgreSQL ${new URL(infra.databaseUrl).host}, Kafka ${infra.kafkaBrokers}, topics ${prefix}*`,
    );
    relay = await startRelay(relayEnv);
    consumer = await startConsumer(infra.kafkaBrokers, `${prefix}incident.events`, `bench-${tag}`);
    const { arrivals } = consumer;
    say('warming up (1,000 events)…');
    await allConsumed(await appendBurst(store, 1_000), arrivals);

    say(
      `\n1. steady load: ${STEADY_RATE.toLocaleString('en')} events/s for ${STEADY_SECONDS} s, ${STEADY_EVENTS_PER_APPEND} events per append`,
    );
    const load = await steady(store, arrivals);
    const [p50, p99] = [percentile(load.latencies, 0.5), percentile(load.latencies, 0.99)];
    const achieved = rate(load.count, load.appendSeconds * 1000);
    say(`   achieved ${achieved}; append→consume p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(load.latencies.at(-1))}`);

    say(
      `\n2. burst: ${BURST_EVENTS.toLocaleString('en')} events, one per append, from ${CONCURRENCY} writers as fast as they go; relay live`,
    );
    let ids = [];
    let stopProgress = progress(() => `${sequence} appended, ${arrivals.size} consumed in all`);
    const burstStart = performance.now();
    ids = await appendBurst(store, BURST_EVENTS);
    const appendedEnd = performance.now();
    const burstLast = await allConsumed(ids, arrivals);
    stopProgress();
    const burst = { append: appendedEnd - burstStart, endToEnd: burstLast - burstStart };
    say(`   appends: ${rate(BURST_EVENTS, burst.append)}; append→consume: ${rate(BURST_EVENTS, burst.endToEnd)}`);
    say(`   (last event consumed ${ms(burstLast - appendedEnd)} after the last append)`);

    say(`\n3. backlog: ${BURST_EVENTS.toLocaleString('en')} events appended while the relay is stopped, then drained`);
    await relay.stop();
    relay = undefined;
    ids = await appendBurst(store, BURST_EVENTS);
    const drainStart = performance.now();
    stopProgress = progress(() => `${ids.filter((id) => arrivals.has(id)).length} of the backlog consumed`);
    relay = await startRelay(relayEnv);
    const drainLast = await allConsumed(ids, arrivals);
    stopProgress();
    const firstArrival = ids.reduce((first, id) => Math.min(first, arrivals.get(id)), Infinity);
    say(`   relay start→last consumed: ${rate(BURST_EVENTS, drainLast - drainStart)}`);
    say(`   first→last consumed (publishing alone): ${rate(BURST_EVENTS, drainLast - firstArrival)}`);

    await relay.stop();
    relay = undefined;
    const anchoring = await anchoringCost(store, arrivals, relayEnv);

    say('\nsummary');
    say(
      `  throughput, append→consume over a ${BURST_EVENTS.toLocaleString('en')}-event burst: ${rate(BURST_EVENTS, burst.endToEnd)}`,
    );
    say(`  relay draining a backlog:                           ${rate(BURST_EVENTS, drainLast - firstArrival)}`);
    say(`  latency at ${achieved}: p50 ${ms(p50)}, p99 ${ms(p99)}`);
    say(
      `  audit anchoring (issue 20: at most +5 %): steady p50 ${anchoring.p50Ratio.toFixed(2)}×, p99 ${anchoring.p99Ratio.toFixed(2)}× of the relay without it`,
    );
  } finally {
    await consumer?.stop().catch(() => undefined);
    await relay?.stop().catch(() => undefined);
    await store.close().catch(() => undefined);
    await database.drop().catch(() => undefined);
    const admin = kafka(infra.kafkaBrokers, 'bench-cleanup').admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  }
}

main().catch((error) => {
  process.stderr.write(`bench:relay failed: ${error.message}\n`);
  process.exit(1);
});
