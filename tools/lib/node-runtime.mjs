import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { constants } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { elapsed, note } from './console.mjs';
import { DATA_DIR, ROOT } from './paths.mjs';

// This file runs under whatever Node the machine has, before node_modules exists: Node's built-ins only, and
// nothing newer than Node 18 offers.

/** Set in the environment of a launcher re-executed under the fetched Node: the version it replaced. */
export const REPLACED_NODE_VARIABLE = 'INCIDENT_NODE_REPLACED';
const NODE_DIR = join(DATA_DIR, 'node');
const PINNED = JSON.parse(readFileSync(join(ROOT, 'tools', 'node-runtime.json'), 'utf8'));

/**
 * kafkajs 2.2.4 (its last release) arms a timer with a negative delay on every connection, which Node 24 reports
 * as a TimeoutNegativeWarning (tulios/kafkajs#1751; the fixes #1755/#1756 were never merged). Node treated the
 * delay as 1 ms before and still does, so the warning is noise: silenced by type, nothing else.
 */
export const NODE_FLAGS = ['--disable-warning=TimeoutNegativeWarning'];

/** NODE_OPTIONS for every Node process the launcher starts (apps, Jest and its workers, tsc, npm). */
export function nodeOptions(current = process.env.NODE_OPTIONS ?? '') {
  const missing = NODE_FLAGS.filter((flag) => !current.split(/\s+/).includes(flag));
  return [current, ...missing].filter(Boolean).join(' ');
}

/** package.json's engines.node, which must have the form ">=major.minor.patch". */
export function minimumNode() {
  const range = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines?.node ?? '';
  const match = /^>=\s*(\d+)\.(\d+)\.(\d+)$/.exec(range.trim());
  if (!match) throw new Error(`package.json engines.node must read ">=x.y.z" for the launcher; it reads "${range}"`);
  return match.slice(1).map(Number);
}

export function isAtLeast(version, minimum) {
  const parts = version.replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < 3; i++) if (parts[i] !== minimum[i]) return parts[i] > minimum[i];
  return true;
}

/** One line for the launcher's output: which Node runs it, and why that one. */
export function describeNode() {
  const replaced = process.env[REPLACED_NODE_VARIABLE];
  const where = relative(ROOT, process.execPath).startsWith('..') ? process.execPath : relative(ROOT, process.execPath);
  return replaced
    ? `Node ${process.version} (${where}, the project's own copy: the PATH's Node ${replaced} is older than ${range()})`
    : `Node ${process.version} from the PATH (${where}); nothing to fetch`;
}

const range = () => `>=${minimumNode().join('.')}`;

/**
 * Resolves with undefined when this Node satisfies engines.node. Otherwise runs the same command under the
 * pinned Node (fetched into .data/node the first time) and resolves with its exit code.
 */
export async function runUnderSuitableNode() {
  if (isAtLeast(process.versions.node, minimumNode())) return undefined;
  if (process.env[REPLACED_NODE_VARIABLE]) {
    throw new Error(`re-executed under ${process.execPath}, which is still ${process.version} (needs ${range()})`);
  }
  const node = await pinnedNode();
  return reexec(node);
}

async function pinnedNode() {
  const platform = `${process.platform}-${process.arch}`;
  const pkg = PINNED.packages[platform];
  const advice = `install Node.js ${range()} yourself (nvm and fnm read .nvmrc / .node-version) and run again`;
  if (!pkg) {
    throw new Error(
      `Node ${process.version} is older than this project needs (${range()}), and no Node package is pinned ` +
        `for ${platform} in tools/node-runtime.json: ${advice}`,
    );
  }
  const home = join(NODE_DIR, `${PINNED.version}-${platform}`);
  const node = join(home, 'bin', 'node');
  if (existsSync(node)) return node;
  try {
    await fetchInto(home, pkg);
  } catch (error) {
    throw new Error(`${error.message}\nCould not fetch Node ${PINNED.version}: ${advice}`, { cause: error });
  }
  return node;
}

/** `npm pack` downloads with the user's registry, proxy, certificates and cache; the tarball is then checked. */
async function fetchInto(home, pkg) {
  const startedAt = Date.now();
  const spec = `${pkg.name}@${PINNED.version}`;
  const registry = (await capture('npm', ['config', 'get', 'registry'])).stdout.trim();
  note(
    'node',
    `Node ${process.version} is older than this project needs (${range()}): fetching ${spec} from ${registry} ` +
      `into ${relative(ROOT, home)} (once)…`,
  );
  mkdirSync(NODE_DIR, { recursive: true });
  // A private staging folder, renamed into place when complete: an interrupted fetch leaves no half Node.
  const staging = mkdtempSync(join(NODE_DIR, '.fetch-'));
  try {
    const packed = await capture('npm', ['pack', spec, '--json', '--pack-destination', staging, '--loglevel=error']);
    if (packed.code !== 0) throw new Error(`npm pack ${spec} failed (exit ${packed.code}): ${packed.stderr.trim()}`);
    const tarball = join(staging, JSON.parse(packed.stdout)[0].filename);
    const integrity = `sha512-${await sha512(tarball)}`;
    if (integrity !== pkg.integrity) {
      throw new Error(`${spec} from ${registry} has integrity ${integrity}, not the pinned ${pkg.integrity}`);
    }
    const unpacked = join(staging, 'node');
    mkdirSync(unpacked);
    // The package holds headers and docs as well; bin/node is all the launcher needs (npm comes from the PATH).
    const args = ['-xzf', tarball, '-C', unpacked, '--strip-components=1', 'package/bin/node', 'package/LICENSE'];
    const untar = await capture('tar', args);
    if (untar.code !== 0) throw new Error(`tar could not unpack ${spec} (exit ${untar.code}): ${untar.stderr.trim()}`);
    const version = (await capture(join(unpacked, 'bin', 'node'), ['--version'])).stdout.trim();
    if (version !== `v${PINNED.version}`) throw new Error(`the unpacked ${spec} reports "${version}"`);
    rmSync(home, { recursive: true, force: true });
    renameSync(unpacked, home);
    note('node', `Node ${version} ready in ${elapsed(startedAt)} (integrity checked against tools/node-runtime.json)`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function sha512(file) {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha512');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .once('error', reject)
      .once('end', () => resolve(hash.digest('base64')));
  });
}

function capture(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', (error) => resolve({ code: -1, stdout, stderr: `${command}: ${error.message}` }));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Runs this launcher again under `node`, its folder first on the PATH so that npm (a `#!/usr/bin/env node`
 * script), tsc, Jest and the apps all run on it too.
 */
function reexec(node) {
  const env = {
    ...process.env,
    PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}`,
    [REPLACED_NODE_VARIABLE]: process.version,
    NODE_OPTIONS: nodeOptions(),
    // npm's run-script points these at the Node that ran npm; tools that spawn "the current node" read them.
    NODE: node,
    npm_node_execpath: node,
  };
  const child = spawn(node, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env });
  // npm forwards SIGINT/SIGTERM to this process only, so pass them on. A terminal's Ctrl-C reaches the child
  // directly as well (same process group): the launcher treats a repeated signal as the same request.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? 128 + (constants.signals[signal] ?? 0)));
  });
}
