import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from './lib/build.mjs';
import { bold, cyan, dim, elapsed, fail, green, step, warn } from './lib/console.mjs';
import { applyExampleOnFirstRun, FIRST_RUN_CONFIG } from './lib/first-run-config.mjs';
import { startLocalMail } from './lib/local-mail.mjs';
import { ROOT } from './lib/paths.mjs';
import { stopProcess, waitUntil } from './lib/processes.mjs';
import { applyNiceness, nicenessOf } from './lib/niceness.mjs';
import { localAuditSigningKey, localAuthSecret } from './lib/secrets.mjs';
import { infraDown, infraUp } from './infra/index.mjs';
import { redactUrl } from './infra-commands.mjs';
import { formatLogLine } from './log-format.mjs';

const SERVICES = JSON.parse(readFileSync(join(ROOT, 'libs/platform/src/services.json'), 'utf8'));
const READY_TIMEOUT_MS = 90_000;

function portOf(service) {
  return Number.parseInt(process.env[`${service.name.toUpperCase()}_PORT`] ?? String(service.port), 10);
}

function launch(service, env, niceness) {
  const child = spawn(process.execPath, [`apps/${service.name}/dist/main.js`], {
    cwd: ROOT,
    env: { ...env, [`${service.name.toUpperCase()}_PORT`]: String(portOf(service)) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const refused = applyNiceness(child.pid, niceness);
  if (refused) warn('start', `${service.name} runs without its niceness ${niceness}: ${refused}`);
  const prefix = cyan(service.name.padEnd(11) + '|');
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${prefix} ${formatLogLine(line)}\n`));
  }
  return child;
}

async function isReady(port) {
  const response = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(3000) });
  return response.status === 200;
}

function banner(env, mail) {
  const require = createRequire(join(ROOT, 'package.json'));
  const { mintSignInLink, mintToken } = require('@incident/platform');
  const settings = { secret: env.AUTH_JWT_SECRET, issuer: env.AUTH_JWT_ISSUER ?? 'incident-platform' };
  const token = mintToken(settings, { subject: 'local-developer', roles: ['responder'], expiresIn: '12h' });
  const consoleUrl = `http://127.0.0.1:${portOf(SERVICES.find((s) => s.name === 'console'))}`;
  // An hour, not incidentctl's quarter: the banner may sit in a terminal a while before it is clicked.
  const signInLink = `${consoleUrl}/auth/link/${mintSignInLink(settings, { subject: 'local-developer', role: 'admin', ttlSeconds: 3600 })}`;
  const rows = SERVICES.map((s) => `  ${bold(s.name.padEnd(12))} http://127.0.0.1:${portOf(s)}  ${dim(s.summary)}`);
  const query = portOf(SERVICES.find((s) => s.name === 'query'));
  process.stdout.write(
    [
      '',
      green(bold('Incident platform is up.')),
      ...rows,
      '',
      `  Kafka       ${env.KAFKA_BROKERS}`,
      `  PostgreSQL  ${redactUrl(env.DATABASE_URL)}`,
      `  Node        ${process.version} (${process.execPath})`,
      `  Mail        ${env.NOTIFY_SMTP_URL ? redactUrl(env.NOTIFY_SMTP_URL) : 'no e-mail channel'}${mail ? dim(' (the local sink: .data/mail/)') : ''}`,
      '',
      `Web console: ${bold(consoleUrl)}`,
      `  sign in (admin, works once, for an hour): ${signInLink}`,
      dim('  another role: npm run incidentctl -- login-link --role responder|auditor --subject <you>'),
      '',
      'Try it (a responder token, valid 12 hours; mint others with npm run token -- --role admin):',
      `  curl -s http://127.0.0.1:${query}/health/ready`,
      `  curl -s -H "Authorization: Bearer ${token}" http://127.0.0.1:${query}/v1/whoami`,
      '',
      dim('Ctrl-C stops every app and the infrastructure this command started.'),
      '',
    ].join('\n'),
  );
}

export async function start() {
  const startedAt = Date.now();
  const infra = await infraUp();
  const children = new Map();
  let stopping;
  let mail;

  // Every caller waits for the one stop: a Ctrl-C often arrives twice (from the terminal and forwarded by npm),
  // and the second must not exit before the first has stopped the apps and the infrastructure.
  const stopAll = (reason) =>
    (stopping ??= (async () => {
      step('start', `${reason}: stopping apps…`);
      await Promise.all([...children.values()].map((child) => stopProcess(child.pid, 'SIGTERM', 15_000)));
      await mail?.close();
      if (infra.started.length > 0) await infraDown(infra.started);
      step('start', 'everything this command started has stopped');
    })());
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => void stopAll(`${signal} received`).then(() => process.exit(0)));
  }

  try {
    await build();
    const env = {
      ...process.env,
      ...infra.env,
      AUTH_JWT_SECRET: localAuthSecret(),
      AUDIT_SIGNING_KEY: localAuditSigningKey(),
    };
    if (!env.NOTIFY_SMTP_URL) {
      // Without it the apps still run, with no e-mail channel (every e-mailed page recorded as failed).
      mail = await startLocalMail({
        onMail: ({ to, subject, file }) =>
          step('mail', `to ${to.join(', ')}: ${subject} ${dim(`(${relative(ROOT, file)})`)}`),
      }).catch((error) => void warn('mail', `no local mail sink (${error.message ?? error}): e-mail pages will fail`));
      if (mail) {
        env.NOTIFY_SMTP_URL = mail.url;
        step('mail', 'no NOTIFY_SMTP_URL set: pages and notices go to a local mail sink, kept in .data/mail/');
      }
    }
    // Read all first, so that a bad <NAME>_NICENESS stops the start before any app runs.
    const niceness = new Map(SERVICES.map((service) => [service.name, nicenessOf(service.name, env)]));
    const yielding = SERVICES.filter((service) => niceness.get(service.name) > 0);
    if (yielding.length > 0) {
      const list = yielding.map((service) => `${service.name} (${niceness.get(service.name)})`).join(', ');
      step('start', `when CPU runs short, ${list} yield to the other apps ${dim('(<NAME>_NICENESS)')}`);
    }
    for (const service of SERVICES) {
      const child = launch(service, env, niceness.get(service.name));
      children.set(service.name, child);
      child.once('exit', (code, signal) => {
        if (stopping) return;
        fail('start', `${service.name} exited (${signal ?? `code ${code}`}); stopping everything`);
        void stopAll('an app exited').then(() => process.exit(1));
      });
    }
    step('start', `waiting for ${SERVICES.length} apps to report ready…`);
    const results = await Promise.all(
      SERVICES.map(async (service) => ({
        service,
        ...(await waitUntil(() => isReady(portOf(service)), { timeoutMs: READY_TIMEOUT_MS, intervalMs: 300 })),
      })),
    );
    const notReady = results.filter((result) => !result.ready).map((result) => result.service.name);
    if (notReady.length > 0) throw new Error(`not ready after ${READY_TIMEOUT_MS / 1000}s: ${notReady.join(', ')}`);
    banner(env, mail);
    step('start', `all apps ready in ${elapsed(startedAt)}`);
    // Config that cannot be applied must not take the running stack down with it: say so and carry on.
    for (const config of FIRST_RUN_CONFIG) {
      await applyExampleOnFirstRun(config, env).then(
        (line) => step(config.command[0], line),
        (error) => warn(config.command[0], `could not apply the example ${config.label}: ${error.message ?? error}`),
      );
    }
  } catch (error) {
    warn('start', error instanceof Error ? error.message : String(error));
    await stopAll('start-up failed');
    return 1;
  }
  // Keep running until a signal arrives; the handlers above exit the process.
  await new Promise(() => undefined);
}
