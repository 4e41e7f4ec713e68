import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { step } from '../lib/console.mjs';
import { DATA_DIR, ROOT } from '../lib/paths.mjs';

/** The cluster's usual home, inside the clone; its log stays here whichever home the cluster has. */
export const CLONE_HOME = join(DATA_DIR, 'postgres');
export const POSTGRES_LOG = join(CLONE_HOME, 'postgres.log');
/**
 * As root in a folder the `postgres` user cannot traverse (a clone under /root, or in `mktemp -d`), the
 * cluster and a copy of the binaries live here instead: one folder per clone (the hash of its path), owned by
 * `postgres`, mode 700. /var/tmp rather than /tmp because it survives a reboot, like the data in .data/ does.
 */
export const RUNTIME_HOME = join(
  '/var/tmp',
  `incident-platform-postgres-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}`,
);

const isRoot = () => process.platform !== 'win32' && userInfo().uid === 0;
const hasCluster = (home) => existsSync(join(home, 'data', 'PG_VERSION'));

/** Where an existing cluster of this clone lives, without creating anything (status and down). */
export function existingHome() {
  if (!hasCluster(CLONE_HOME) && isRoot() && hasCluster(RUNTIME_HOME)) return RUNTIME_HOME;
  return CLONE_HOME;
}

/**
 * PostgreSQL refuses to run as root. Sessions here run as root, so the server runs as the `postgres`
 * user (created if the machine lacks it) and its data folder must belong to that user.
 */
export function serverUser() {
  if (!isRoot()) return {};
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

/** Whether `ids` can search every folder on the way to each path (and execute it, for a program). */
function canReach(ids, paths) {
  try {
    execFileSync('sh', ['-c', 'for p; do test -x "$p" || exit 1; done', 'sh', ...paths], { ...ids, cwd: '/' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The folder for the cluster (data/, password) and the binaries the server user runs from it. The clone is
 * used when the server user can reach it, which is always the case unless root runs it from a private folder.
 */
export function prepareHome(ids, binaries) {
  const existing = existingHome();
  if (existing === RUNTIME_HOME) return { home: RUNTIME_HOME, binaries: copyBinaries(ids, binaries) };
  if (ids.uid === undefined || hasCluster(CLONE_HOME)) return { home: CLONE_HOME, binaries };
  mkdirSync(CLONE_HOME, { recursive: true });
  if (canReach(ids, [binaries.initdb, CLONE_HOME])) return { home: CLONE_HOME, binaries };
  step(
    'postgres',
    `the "postgres" user cannot reach ${ROOT} (a private folder): the cluster lives in ${RUNTIME_HOME} instead`,
  );
  try {
    return { home: RUNTIME_HOME, binaries: copyBinaries(ids, binaries) };
  } catch (error) {
    throw new Error(
      `PostgreSQL runs as the "postgres" user, who cannot reach ${ROOT}, and a home in ${RUNTIME_HOME} could ` +
        `not be prepared (${error.message}). Clone into a folder other users may traverse (chmod o+x on it and ` +
        `its parents), run as a user other than root, or point DATABASE_URL at a PostgreSQL of your own.`,
      { cause: error },
    );
  }
}

/** The runtime home, created for the server user alone; anything else found at its path is refused. */
function ensureRuntimeHome(ids) {
  mkdirSync(RUNTIME_HOME, { recursive: true, mode: 0o700 });
  // /var/tmp is writable by everyone: a folder planted there beforehand (or a symlink) must not be used.
  const found = lstatSync(RUNTIME_HOME);
  if (!found.isDirectory() || (found.uid !== 0 && found.uid !== ids.uid)) {
    throw new Error(`${RUNTIME_HOME} exists and is not a folder owned by root or postgres`);
  }
  chownSync(RUNTIME_HOME, ids.uid, ids.gid);
  chmodSync(RUNTIME_HOME, 0o700);
  // Says which clone the folder serves, for whoever finds it later.
  writeFileSync(join(RUNTIME_HOME, 'clone'), `${ROOT}\n`);
}

/** A copy of the platform package's binaries (bin, lib, share) in the runtime home, refreshed on upgrade. */
function copyBinaries(ids, binaries) {
  ensureRuntimeHome(ids);
  const source = dirname(dirname(binaries.initdb));
  const target = join(RUNTIME_HOME, 'native');
  const version = JSON.parse(readFileSync(join(dirname(source), 'package.json'), 'utf8')).version;
  const stamp = join(target, '.version');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== version) {
    step('postgres', `copying the PostgreSQL ${version} binaries to ${target}`);
    rmSync(target, { recursive: true, force: true });
    cpSync(source, target, { recursive: true, verbatimSymlinks: true });
    writeFileSync(stamp, version);
  }
  return {
    initdb: join(target, 'bin', basename(binaries.initdb)),
    postgres: join(target, 'bin', basename(binaries.postgres)),
  };
}
