// The stacks bench:e2e measures, each service its own built process (apps/<app>/dist/main.js) as `npm start` runs
// them, on a database and topic prefix of the benchmark's own:
//   whole    relay, intake, triage, escalation, remediation, review, query and console, with the example config
//            (config/*.example.yaml) applied by the built CLI, people paged and runbook executors called by
//            webhook at a receiver in the benchmark's process (answering 200 at once);
//   minimal  intake and query only (query follows the store itself, so no relay is needed for the row).
import { execFile, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { applyNiceness, nicenessOf } from '../../tools/lib/niceness.mjs';
import { require, ROOT } from './infrastructure.mjs';
import { freePort, stop } from './service-process.mjs';

const exec = promisify(execFile);
const YAML = require('yaml');

export const STACKS = {
  whole: {
    first: ['relay'],
    then: ['intake', 'triage', 'escalation', 'remediation', 'review', 'query'],
    last: ['console'],
  },
  minimal: { first: [], then: ['intake', 'query'], last: [] },
};

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Pages and executor calls land here; every request is answered 200 at once and counted by its first path part.
 * A page's arrival is also kept by its incident's title (the webhook's subject is "<title> (<service>, level n)"),
 * the first one per title, so the benchmark can time alert → page.
 */
export async function startReceiver() {
  const counts = new Map();
  const firstPages = new Map();
  const server = createServer((request, response) => {
    const kind = request.url.split('/')[1] ?? '';
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    const chunks = [];
    request.on('data', (chunk) => kind === 'page' && chunks.push(chunk));
    request.on('end', () => {
      if (kind === 'page') {
        const at = performance.now();
        // The platform's page webhooks are JSON; anything else is counted above and otherwise ignored.
        const subject = String(safeJson(Buffer.concat(chunks).toString('utf8'))?.subject ?? '');
        const title = subject.replace(/ \([^()]*\)$/, '');
        if (!firstPages.has(title)) firstPages.set(title, at);
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    counts: () => new Map(counts),
    /** performance.now() of the first page of each incident title. */
    firstPages: () => firstPages,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * The example config, with every person's contact methods replaced by one webhook to the receiver (the
 * examples' addresses do not exist, and without SMTP every e-mail contact fails over), the customers' e-mail
 * subscribers dropped and their webhooks pointed at the receiver, and every runbook executor a webhook to it.
 */
function benchConfig(receiverUrl) {
  const read = (name) => YAML.parse(readFileSync(join(ROOT, 'config', name), 'utf8'));
  const directory = read('directory.example.yaml');
  for (const person of directory.people) {
    person.contactMethods = [{ kind: 'webhook', address: `${receiverUrl}/page/${person.id}` }];
  }
  for (const customer of directory.customers) {
    customer.availabilityNotifications = [];
    if (customer.availabilityWebhooks) customer.availabilityWebhooks = [`${receiverUrl}/customer/${customer.id}`];
  }
  const runbooks = read('runbooks.example.yaml');
  for (const name of Object.keys(runbooks.executors)) {
    runbooks.executors[name] = { kind: 'webhook', url: `${receiverUrl}/executor/${name}`, timeoutSeconds: 30 };
  }
  return [
    ['directory', YAML.stringify(directory)],
    ['triage rules', readFileSync(join(ROOT, 'config/triage-rules.example.yaml'), 'utf8')],
    ['runbooks', YAML.stringify(runbooks)],
    ['review policy', readFileSync(join(ROOT, 'config/review-policy.example.yaml'), 'utf8')],
  ];
}

/** Applies the bench config with the built CLI, the way `npm start` applies the examples on first run. */
export async function applyConfig(env, receiverUrl) {
  const folder = mkdtempSync(join(tmpdir(), 'bench-e2e-'));
  try {
    for (const [label, text] of benchConfig(receiverUrl)) {
      const file = join(folder, `${label.replace(' ', '-')}.yaml`);
      writeFileSync(file, text);
      await exec(
        process.execPath,
        ['apps/incidentctl/dist/main.js', ...label.split(' '), 'apply', file, '--as', 'bench'],
        {
          cwd: ROOT,
          env: { ...process.env, ...env },
        },
      );
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The variables every service of a stack shares (as `npm start` gives them: one secret, one signing key). */
export function stackEnv({ databaseUrl, kafkaBrokers, run }) {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: kafkaBrokers,
    KAFKA_TOPIC_PREFIX: `bench-${run}.`,
    AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
    AUDIT_SIGNING_KEY: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    NOTIFY_WEBHOOK_SECRET: randomBytes(32).toString('hex'),
    INTAKE_RATE_LIMIT_PER_MINUTE: '1000000',
    LOG_LEVEL: 'warn',
  };
}

/**
 * One built app on a free port, at the niceness `npm start` gives it (its default or <NAME>_NICENESS:
 * tools/lib/niceness.mjs), ready (GET /health/ready 200); its last 64 kB of output kept for errors.
 */
async function launch(app, env) {
  const main = join(ROOT, 'apps', app, 'dist', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);
  const port = await freePort();
  let output = '';
  // BENCH_E2E_PROFILE=<folder>: each service writes a V8 CPU profile there when it stops (node --cpu-prof).
  const profile = process.env.BENCH_E2E_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_E2E_PROFILE}`, `--cpu-prof-name=${app}.cpuprofile`]
    : [];
  const child = spawn(process.execPath, [...profile, main], {
    cwd: ROOT,
    env: { ...process.env, ...env, [`${app.toUpperCase()}_PORT`]: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const niceness = nicenessOf(app, { ...process.env, ...env });
  const refused = applyNiceness(child.pid, niceness);
  if (refused) process.stderr.write(`${app} runs without its niceness ${niceness}: ${refused}\n`);
  const keep = (chunk) => (output = (output + chunk).slice(-65_536));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const base = `http://127.0.0.1:${port}`;
  const service = {
    name: app,
    base,
    port,
    pid: child.pid,
    niceness,
    child,
    logs: () => output,
    stop: () => stop(child),
  };
  for (const deadline = Date.now() + 120_000; ; await sleep(250)) {
    if (child.exitCode !== null) throw new Error(`${app} exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) {
      await stop(child);
      throw new Error(`${app} was not ready within 120 s:\n${output}`);
    }
    const ready = await fetch(`${base}/health/ready`).catch(() => undefined);
    if (ready?.ok) return service;
  }
}

/**
 * Starts a stack: the relay first (it creates the topics), the services together, the console last (it
 * forwards to their ports). Resolves with the running services; on failure, stops those started.
 */
export async function startStack(kind, env) {
  const plan = STACKS[kind];
  if (!plan) throw new Error(`BENCH_E2E_STACK: unknown stack "${kind}" (whole or minimal)`);
  const services = [];
  try {
    for (const app of plan.first) services.push(await launch(app, env));
    const started = await Promise.allSettled(plan.then.map((app) => launch(app, env)));
    for (const result of started) if (result.status === 'fulfilled') services.push(result.value);
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    const ports = Object.fromEntries(services.map((s) => [`${s.name.toUpperCase()}_PORT`, String(s.port)]));
    for (const app of plan.last) services.push(await launch(app, { ...env, ...ports }));
    return services;
  } catch (error) {
    await Promise.all(services.map((service) => service.stop()));
    throw error;
  }
}
