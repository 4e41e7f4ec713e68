// npm run bench:projections — how fast the read models rebuild from position 0, on the real PostgreSQL
// (`npm run infra:up`; Kafka is not needed).
//
// Appends BENCH_EVENTS (100,000) events of realistic incident histories (the domain decides them, so every
// lifecycle path and event type is there), interleaved across thousands of incident streams, into a database of
// the benchmark's own; then rebuilds all six projections from zero side by side, as
// `incidentctl projections rebuild` does, and reports events/s; then each projection alone (BENCH_EACH=0 skips
// that). BENCH_BATCH_SIZE sets events per transaction (1000); BENCH_KEEP=1 keeps the database, else it is dropped.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import process from 'node:process';

const ROOT = join(import.meta.dirname, '..');
const require = createRequire(join(ROOT, 'package.json'));
const { Client } = require('pg');
const { MultiBar, Presets } = require('cli-progress');
const { createEventStore } = require('@incident/event-store');
const rm = require('@incident/read-models');

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const BATCH_SIZE = Number(process.env.BENCH_BATCH_SIZE ?? 1_000);
const HINT = 'run `npm run infra:up` first (or set DATABASE_URL)';
const say = (line) => process.stdout.write(`${line}\n`);
const perSecond = (count, ms) => Math.round(count / Math.max(ms / 1000, 0.001));

/** DATABASE_URL from the environment, else from .data/infra.env written by `npm run infra:up`. */
function databaseUrl() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const file = join(ROOT, '.data', 'infra.env');
  const line =
    existsSync(file) &&
    readFileSync(file, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('DATABASE_URL='));
  if (!line) throw new Error(`no PostgreSQL configured: ${HINT}`);
  return line.slice('DATABASE_URL='.length).trim();
}

async function admin(url, sql) {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query(sql);
  } catch (error) {
    throw new Error(`PostgreSQL does not answer (${error.message}): ${HINT}`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}

function bars() {
  return new MultiBar(
    {
      format: '{label} [{bar}] {value}/{total} events | {rate} events/s',
      stream: process.stderr,
      noTTYOutput: true,
      notTTYSchedule: 5000,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
}

async function appendEvents(store) {
  const progress = bars();
  const bar = progress.create(EVENTS, 0, { label: 'append'.padEnd(18), rate: 0 });
  const started = Date.now();
  let appended = 0;
  let incidents = 0;
  try {
    while (appended < EVENTS) {
      const count = 500;
      await rm.appendSyntheticIncidents(store, count, {
        firstIndex: incidents,
        concurrency: 32,
        onAppended: (n) => {
          appended += n;
          bar.update(Math.min(appended, EVENTS), { rate: perSecond(appended, Date.now() - started) });
        },
      });
      incidents += count;
    }
  } finally {
    progress.stop();
  }
  return { appended, incidents, ms: Date.now() - started };
}

async function rebuild(dataSource, store) {
  const progress = bars();
  const started = Date.now();
  const bar = new Map(
    rm.PROJECTIONS.map((p) => [p.name, progress.create(1, 0, { label: p.name.padEnd(18), rate: 0 })]),
  );
  try {
    await rm.rebuildProjections(dataSource, store, rm.PROJECTIONS, {
      head: rm.eventLogHead(store),
      batchSize: BATCH_SIZE,
      onProgress: ({ projection, processed, total }) => {
        bar.get(projection).setTotal(total);
        bar.get(projection).update(processed, { rate: perSecond(processed, Date.now() - started) });
      },
    });
  } finally {
    progress.stop();
  }
  return { ms: Date.now() - started };
}

async function main() {
  const url = databaseUrl();
  const name = `bench_projections_${Date.now().toString(36)}`;
  await admin(url, `CREATE DATABASE "${name}"`);
  const benchUrl = Object.assign(new URL(url), { pathname: `/${name}` }).toString();
  const store = await createEventStore({ databaseUrl: benchUrl });
  const dataSource = await rm.openReadModels({ databaseUrl: benchUrl, poolSize: 12 });
  try {
    say(`appending ${EVENTS.toLocaleString('en')} events of synthetic incidents…`);
    const appended = await appendEvents(store);
    say(
      `appended ${appended.appended.toLocaleString('en')} events (${appended.incidents.toLocaleString('en')} incidents)` +
        ` in ${(appended.ms / 1000).toFixed(1)} s: ${perSecond(appended.appended, appended.ms)} events/s`,
    );
    say(`rebuilding ${rm.PROJECTIONS.length} projections from position 0 (batch ${BATCH_SIZE})…`);
    const rebuilt = await rebuild(dataSource, store);
    say(
      `all ${rm.PROJECTIONS.length} side by side: ${appended.appended.toLocaleString('en')} events in ` +
        `${(rebuilt.ms / 1000).toFixed(1)} s = ${perSecond(appended.appended, rebuilt.ms)} events/s of the log ` +
        `(${perSecond(appended.appended * rm.PROJECTIONS.length, rebuilt.ms)} event applications/s)`,
    );
    if (process.env.BENCH_EACH === '0') return;
    // Each alone, as `incidentctl projections rebuild <name>` runs it: its own reads of the log, no sharing.
    say('');
    say('each projection rebuilt alone:');
    for (const projection of rm.PROJECTIONS) {
      const started = Date.now();
      await rm.rebuildProjections(dataSource, store, [projection], {
        head: rm.eventLogHead(store),
        batchSize: BATCH_SIZE,
      });
      const ms = Date.now() - started;
      say(
        `  ${projection.name.padEnd(18)} ${(ms / 1000).toFixed(1).padStart(6)} s ${String(perSecond(appended.appended, ms)).padStart(8)} events/s`,
      );
    }
  } finally {
    await dataSource.destroy();
    await store.close();
    if (process.env.BENCH_KEEP !== '1') await admin(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

main().catch((error) => {
  process.stderr.write(`bench:projections: ${error.message}\n`);
  process.exitCode = 1;
});
