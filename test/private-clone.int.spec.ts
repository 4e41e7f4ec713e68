import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { describeWithInfrastructure, freePort } from '@incident/testing';

const ROOT = resolve(__dirname, '..');
// Where tools/infra/postgres-home.mjs puts the cluster when root runs from a folder `postgres` cannot reach.
const RUNTIME_PREFIX = '/var/tmp/incident-platform-postgres-';

/** Runs the clone's launcher to completion, as `npm run <command>` would, and keeps its output. */
function launcher(clone: string, command: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ['tools/run.mjs', command], { cwd: clone, env, stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolveRun({ code: code ?? -1, output }));
  });
}

/**
 * The installed packages, each linked rather than copied. The lockfile marker is a real file, newer than the
 * clone's package-lock.json, so the launcher sees the install as current: an npm ci in the clone would remove
 * the links (never the folder itself: that would empty this checkout's node_modules through the link).
 */
function linkDependencies(clone: string): void {
  const source = join(ROOT, 'node_modules');
  const target = join(clone, 'node_modules');
  mkdirSync(target);
  copyFileSync(join(source, '.package-lock.json'), join(target, '.package-lock.json'));
  for (const entry of readdirSync(source).filter((name) => name !== '.package-lock.json')) {
    symlinkSync(join(source, entry), join(target, entry));
  }
}

// Kafka runs as the invoking user from jars in .data, so a private folder never stopped it; the shared broker
// (KAFKA_BROKERS) is reused and only PostgreSQL, whose server runs as `postgres` under root, is started.
describeWithInfrastructure(['kafka'], 'npm run infra:up from a clone in a private (mode 700) folder', () => {
  let privateFolder: string;
  let clone: string;
  let env: NodeJS.ProcessEnv;
  let up: { code: number; output: string };
  let dataDirectory: string | undefined;

  beforeAll(async () => {
    privateFolder = mkdtempSync(join(tmpdir(), 'private-clone-'));
    chmodSync(privateFolder, 0o700);
    clone = join(privateFolder, 'clone');
    execFileSync('git', ['clone', '--quiet', ROOT, clone]);
    // The launcher under test is this checkout's, committed or not.
    cpSync(join(ROOT, 'tools'), join(clone, 'tools'), { recursive: true, force: true });
    linkDependencies(clone);
    // Without DATABASE_URL the launcher starts a cluster of its own, on a port nobody else uses.
    const { DATABASE_URL: _shared, ...rest } = process.env;
    env = { ...rest, INFRA_POSTGRES_PORT: String(await freePort()) };
    up = await launcher(clone, 'infra:up', env);
  });

  afterAll(async () => {
    if (clone) {
      const status = await launcher(clone, 'infra:status', env);
      await launcher(clone, 'infra:down', env);
      const data = /data: (\S+)/.exec(status.output)?.[1];
      if (data?.startsWith(RUNTIME_PREFIX)) rmSync(dirname(data), { recursive: true, force: true });
    }
    if (privateFolder) rmSync(privateFolder, { recursive: true, force: true });
  });

  it('starts a PostgreSQL that answers on the port it was given', async () => {
    expect(statSync(privateFolder).mode & 0o777).toBe(0o700);
    expect(up).toMatchObject({ code: 0, output: expect.stringContaining('[postgres] ready') });
    const url = /^DATABASE_URL=(.+)$/m.exec(readFileSync(join(clone, '.data', 'infra.env'), 'utf8'))?.[1] ?? '';
    expect(new URL(url).port).toBe(env['INFRA_POSTGRES_PORT']);
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const result = await client.query<{ user: string; data: string }>(
        "SELECT current_user AS user, current_setting('data_directory') AS data",
      );
      dataDirectory = result.rows[0]?.data;
      expect(result.rows[0]?.user).toBe('postgres');
    } finally {
      await client.end();
    }
  });

  it('keeps the cluster where its server user can reach it: outside the private folder when run as root', () => {
    const expected = process.getuid?.() === 0 ? RUNTIME_PREFIX : join(clone, '.data', 'postgres', 'data');
    expect(dataDirectory?.slice(0, expected.length)).toBe(expected);
  });

  it('stops what it started with npm run infra:down, in the clone', async () => {
    const down = await launcher(clone, 'infra:down', env);
    expect(down).toMatchObject({ code: 0, output: expect.stringContaining('[postgres] stopped') });
  });
});
