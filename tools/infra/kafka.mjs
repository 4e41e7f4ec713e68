import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { elapsed, step } from '../lib/console.mjs';
import { DATA_DIR, ROOT } from '../lib/paths.mjs';
import { isAlive, isPortOpen, readPid, run, stopProcess, tail, waitUntil } from '../lib/processes.mjs';

const require = createRequire(join(ROOT, 'package.json'));
// INFRA_KAFKA_HOME lets a test run a second, private broker (its own data and pid file) beside the shared one.
const HOME = process.env.INFRA_KAFKA_HOME ? resolve(process.env.INFRA_KAFKA_HOME) : join(DATA_DIR, 'kafka');
// The jars are shared by every broker home.
const LIBS = join(DATA_DIR, 'kafka', 'libs');
const DATA = join(HOME, 'data');
const LOGS = join(HOME, 'logs');
const PID_FILE = join(HOME, 'kafka.pid');
const PROPERTIES = join(HOME, 'server.properties');
const LOG4J = join(HOME, 'log4j.properties');
const STDOUT_LOG = join(LOGS, 'kafka.out');
export const KAFKA_LOG = join(LOGS, 'server.log');

export function kafkaPort() {
  return Number.parseInt(process.env.INFRA_KAFKA_PORT ?? '19092', 10);
}
const controllerPort = () => kafkaPort() + 1;

/** The jars come from Maven Central via pom.xml; they are fetched again only when pom.xml changes. */
async function ensureJars() {
  const pomHash = createHash('sha256')
    .update(readFileSync(join(ROOT, 'pom.xml')))
    .digest('hex');
  const marker = join(LIBS, '.pom-sha256');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === pomHash) return;
  const startedAt = Date.now();
  step('kafka', 'resolving the Kafka jars from Maven Central with mvn (first run only)…');
  rmSync(LIBS, { recursive: true, force: true });
  // Maven's output goes to a file and is shown only when it fails; its progress is noise otherwise.
  mkdirSync(LOGS, { recursive: true });
  const mavenLog = join(LOGS, 'maven.log');
  const out = openSync(mavenLog, 'w');
  const code = await run(
    'mvn',
    ['-B', '-Dstyle.color=never', 'dependency:copy-dependencies', `-DoutputDirectory=${LIBS}`],
    {
      stdio: ['ignore', out, out],
    },
  ).finally(() => closeSync(out));
  if (code !== 0) {
    throw new Error(
      `mvn dependency:copy-dependencies failed (exit ${code}); are Maven and Maven Central reachable?\n${tail(mavenLog, 30)}`,
    );
  }
  writeFileSync(marker, pomHash);
  step('kafka', `jars ready in ${elapsed(startedAt)}`);
}

/** Single-node KRaft: one process is broker and controller, listening on loopback only. */
function writeConfiguration() {
  mkdirSync(LOGS, { recursive: true });
  writeFileSync(
    PROPERTIES,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort()}`,
      `listeners=PLAINTEXT://127.0.0.1:${kafkaPort()},CONTROLLER://127.0.0.1:${controllerPort()}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${kafkaPort()}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      `log.dirs=${DATA}`,
      'num.partitions=3',
      'default.replication.factor=1',
      'min.insync.replicas=1',
      'offsets.topic.replication.factor=1',
      // Fewer internal partitions than the default 50: the first consumer-group join is much faster.
      'offsets.topic.num.partitions=10',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'transaction.state.log.num.partitions=10',
      // Topics are created explicitly at start-up with their partition counts (DESIGN.md §5).
      'auto.create.topics.enable=false',
      'group.initial.rebalance.delay.ms=0',
      'log.retention.hours=168',
      '',
    ].join('\n'),
  );
  writeFileSync(
    LOG4J,
    [
      'log4j.rootLogger=INFO, file',
      'log4j.appender.file=org.apache.log4j.RollingFileAppender',
      `log4j.appender.file.File=${KAFKA_LOG}`,
      'log4j.appender.file.MaxFileSize=20MB',
      'log4j.appender.file.MaxBackupIndex=3',
      'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
      'log4j.logger.org.apache.kafka.clients=WARN',
      '',
    ].join('\n'),
  );
}

function java(mainClass, args, options = {}) {
  const heap = process.env.INFRA_KAFKA_HEAP ?? '768m';
  return spawn(
    'java',
    [
      `-Xmx${heap}`,
      '-Xms256m',
      '-XX:+UseG1GC',
      '-Djava.awt.headless=true',
      `-Dlog4j.configuration=file:${LOG4J}`,
      `-Dkafka.logs.dir=${LOGS}`,
      '-cp',
      `${LIBS}/*`,
      mainClass,
      ...args,
    ],
    { cwd: HOME, ...options },
  );
}

/** KRaft storage is formatted once with a cluster id of Kafka's own form (16 random bytes, base64url). */
async function formatStorage() {
  if (existsSync(join(DATA, 'meta.properties'))) return;
  step('kafka', 'formatting KRaft storage (first run only)');
  // A base64url id can start with '-', which the tool's argument parser takes for an option (1 format in 64
  // failed with "--cluster-id expected one argument"); Kafka's own random-uuid redraws such ids, and so do we.
  let clusterId;
  do clusterId = randomBytes(16).toString('base64url');
  while (clusterId.startsWith('-'));
  const child = java('kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', PROPERTIES, '--ignore-formatted'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`formatting Kafka storage failed (exit ${code}):\n${output}`);
}

function runningPid() {
  const pid = readPid(PID_FILE);
  return isAlive(pid) ? pid : undefined;
}

async function brokerAnswers(brokers) {
  const { Kafka, logLevel } = require('kafkajs');
  const admin = new Kafka({
    clientId: 'infra-readiness',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Starts (or reuses) the local Kafka broker; resolves with its bootstrap servers and whether it started it. */
export async function kafkaUp() {
  if (process.env.KAFKA_BROKERS) {
    step('kafka', 'using KAFKA_BROKERS from the environment');
    const brokers = process.env.KAFKA_BROKERS.split(',').map((broker) => broker.trim());
    const { ready, lastError } = await waitUntil(() => brokerAnswers(brokers), { timeoutMs: 15_000 });
    if (!ready) throw new Error(`Kafka at KAFKA_BROKERS does not answer: ${lastError?.message ?? 'timeout'}`);
    return { brokers: process.env.KAFKA_BROKERS, started: false };
  }
  const startedAt = Date.now();
  const brokers = `127.0.0.1:${kafkaPort()}`;
  let started = false;
  if (runningPid()) {
    step('kafka', `already running (pid ${runningPid()}) on ${brokers}, reusing it`);
  } else {
    if (await isPortOpen(kafkaPort())) {
      throw new Error(`port ${kafkaPort()} is taken by another program; set INFRA_KAFKA_PORT to a free port`);
    }
    await ensureJars();
    writeConfiguration();
    await formatStorage();
    step('kafka', `starting Kafka 3.9 (KRaft) on ${brokers} (log: ${KAFKA_LOG})`);
    const out = openSync(STDOUT_LOG, 'a');
    const child = java('kafka.Kafka', [PROPERTIES], { detached: true, stdio: ['ignore', out, out] });
    child.unref();
    closeSync(out);
    writeFileSync(PID_FILE, `${child.pid}\n`);
    started = true;
  }
  const { ready, lastError } = await waitUntil(() => runningPid() !== undefined && brokerAnswers([brokers]), {
    timeoutMs: 90_000,
    intervalMs: 500,
    onTick: (ms) => step('kafka', `waiting for the broker to answer an admin request… ${Math.round(ms / 1000)}s`),
  });
  if (!ready) {
    throw new Error(
      `Kafka did not answer within 90s (${runningPid() ? (lastError?.message ?? 'no answer') : 'the process exited'}).\n` +
        `Its log is ${KAFKA_LOG} (stdout: ${STDOUT_LOG}); last lines:\n${tail(KAFKA_LOG)}\n${tail(STDOUT_LOG, 10)}`,
    );
  }
  step('kafka', `ready in ${elapsed(startedAt)}`);
  return { brokers, started };
}

export async function kafkaDown() {
  const pid = runningPid();
  if (!pid) return 'not running';
  // SIGTERM lets the broker flush and close its logs, so the next start needs no recovery.
  const result = await stopProcess(pid, 'SIGTERM', 30_000);
  rmSync(PID_FILE, { force: true });
  return result;
}

export async function kafkaStatus() {
  if (process.env.KAFKA_BROKERS) return { name: 'kafka', state: 'external (KAFKA_BROKERS)', log: '-' };
  const pid = runningPid();
  return { name: 'kafka', state: pid ? `running, pid ${pid}, 127.0.0.1:${kafkaPort()}` : 'stopped', log: KAFKA_LOG };
}
