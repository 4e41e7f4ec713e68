import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { incidentStreamId } from '@incident/domain';
import {
  auditAnchors,
  createEventStore,
  generateSigningKey,
  hashEvent,
  parseSigningKey,
  type Anchor,
  type HashChainedEventStore,
  type PreparedEvent,
} from '@incident/event-store';
import { AnchorLog, anchorRecord, auditAnchorsTopicSpec, ensureTopics } from '@incident/messaging';
import {
  createTestDatabase,
  describeWithInfrastructure,
  testKafka,
  uniqueName,
  type TestDatabase,
} from '@incident/testing';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { InProcessAnchorer } from '../test-support/in-process-anchorer';
import { deleteTopicsWithPrefix } from '../test-support/topics';
import { waitFor } from '../test-support/wait';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'apps/incidentctl/dist/main.js');
const OFFLINE_VERIFIER = join(ROOT, 'docs/verify-bundle.mjs');

/**
 * The "done when": what a database superuser can do to the store (delete a stream's tail with the
 * append-only trigger disabled; rewrite a stream and recompute its chain) passes `verify` and is named by
 * `verify --anchored`; an altered anchor or signature on the topic is named; a bundle verifies offline, and
 * not with one byte changed. The real anchorer signs; the built CLI and docs/verify-bundle.mjs check.
 */
describeWithInfrastructure(['postgres', 'kafka'], 'audit anchors against a database administrator (built CLI)', () => {
  const signingKey = generateSigningKey();
  const key = parseSigningKey(signingKey);
  const [tailCut, rewritten, intact] = [randomUUID(), randomUUID(), randomUUID()];
  let database: TestDatabase;
  let store: HashChainedEventStore;
  let kafka: Kafka;
  let prefix: string;
  let folder: string;
  let witnessServer: Server;
  const witnessed: Anchor[] = [];
  let anchorer: InProcessAnchorer | undefined;

  const cli = (args: string[], topicPrefix = prefix) =>
    run(process.execPath, [CLI, ...args], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        EVENTSTORE_URL: '',
        KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '',
        KAFKA_TOPIC_PREFIX: topicPrefix,
        AUDIT_SIGNING_KEY: '',
        AUDIT_PUBLIC_KEY: key.verifyKey.encoded,
      },
    });

  async function note(incidentId: string, count: number): Promise<void> {
    const streamId = incidentStreamId(incidentId);
    for (let i = 0; i < count; i++) {
      const revision = await store
        .readStream(streamId, { direction: 'backwards', maxCount: 1 })
        .then((events) => events[0]?.streamRevision ?? ('no_stream' as const))
        .catch(() => 'no_stream' as const);
      await store.append(
        streamId,
        [
          {
            type: 'IncidentNoted',
            data: { incidentId, note: `note ${i}`, details: { b: 2, a: [1, 2] } },
            metadata: {
              occurredAt: new Date().toISOString(),
              actor: { kind: 'user', id: 'alice' },
              correlationId: 'c',
            },
          },
        ],
        revision,
      );
    }
  }

  async function readAnchors(topicPrefix = prefix): Promise<AnchorLog> {
    const log = new AnchorLog({ kafka, topic: auditAnchorsTopicSpec(topicPrefix).topic });
    try {
      await log.upToDate(30_000);
    } finally {
      await log.close();
    }
    return log;
  }

  /** Waits until the anchors cover each stream at its current head. */
  async function anchoredUpTo(heads: Record<string, number>): Promise<AnchorLog> {
    return waitFor('the anchors to cover every head', async () => {
      const log = await readAnchors();
      const audit = auditAnchors(log.anchors, log.unreadable, key.verifyKey);
      const covered = Object.entries(heads).every(([incidentId, revision]) =>
        (audit.heads.get(incidentStreamId(incidentId)) ?? []).some((head) => head.revision === revision),
      );
      return covered ? log : undefined;
    });
  }

  async function asSuperuser(work: (admin: Client) => Promise<void>): Promise<void> {
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      await admin.query('ALTER TABLE event_store.events DISABLE TRIGGER events_append_only');
      await work(admin);
      await admin.query('ALTER TABLE event_store.events ENABLE TRIGGER events_append_only');
    } finally {
      await admin.end();
    }
  }

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npm test builds)`);
    database = await createTestDatabase('audit_anchors');
    store = await createEventStore({ databaseUrl: database.url });
    kafka = testKafka('audit-anchors');
    prefix = `${uniqueName('audit-anchors')}.`;
    folder = await mkdtemp(join(tmpdir(), 'audit-anchors-'));
    witnessServer = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        witnessed.push(JSON.parse(body) as Anchor);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((listening) => witnessServer.listen(0, '127.0.0.1', listening));
    const address = witnessServer.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await note(tailCut, 6);
    await note(rewritten, 5);
    await note(intact, 3);
    anchorer = new InProcessAnchorer({
      databaseUrl: database.url,
      kafkaTopicPrefix: prefix,
      auditSigningKey: signingKey,
      auditWitnessFile: join(folder, 'witness.jsonl'),
      auditWitnessUrl: `http://127.0.0.1:${port}/anchors`,
    }).start();
    await anchoredUpTo({ [tailCut]: 5, [rewritten]: 4, [intact]: 2 });
  });

  afterAll(async () => {
    await anchorer?.stop();
    await store?.close();
    await database?.drop();
    await deleteTopicsWithPrefix(kafka, prefix);
    await new Promise((closed) => witnessServer?.close(closed));
    await rm(folder, { recursive: true, force: true });
  });

  it('signs the changed heads onto audit.anchors in one chain, and hands every anchor to both witnesses', async () => {
    await note(intact, 2);
    const log = await anchoredUpTo({ [intact]: 4 });
    const audit = auditAnchors(log.anchors, log.unreadable, key.verifyKey);
    expect(audit.chain).toMatchObject({ ok: true, problems: [] });
    // The newest anchor holds only what changed since the one before: the intact stream's new head.
    expect(log.anchors.at(-1)!.leaves).toEqual([
      expect.objectContaining({ streamId: incidentStreamId(intact), revision: 4 }),
    ]);
    const fileLines = (await readFile(join(folder, 'witness.jsonl'), 'utf8')).trim().split('\n');
    const hashes = log.anchors.map((anchor) => anchor.hash);
    expect(fileLines.map((line) => (JSON.parse(line) as Anchor).hash)).toEqual(hashes);
    await waitFor('the HTTP witness to have every anchor', () => witnessed.length >= hashes.length);
    expect(witnessed.map((anchor) => anchor.hash)).toEqual(hashes);
    expect(await anchorer!.metric('audit_anchorer_active')).toBe(1);
  });

  it('continues the same chain after a restart, one anchorer active of two, anchoring nothing twice', async () => {
    const before = (await readAnchors()).anchors.length;
    await anchorer!.stop();
    const config = { databaseUrl: database.url, kafkaTopicPrefix: prefix, auditSigningKey: signingKey };
    anchorer = new InProcessAnchorer(config).start();
    const standby = new InProcessAnchorer(config).start();
    try {
      await waitFor('one anchorer to take the lock', async () => {
        const active = [await anchorer!.metric('audit_anchorer_active'), await standby.metric('audit_anchorer_active')];
        return active.includes(1);
      });
      await note(intact, 1);
      const log = await anchoredUpTo({ [intact]: 5 });
      expect(log.anchors.length).toBe(before + 1);
      expect(auditAnchors(log.anchors, log.unreadable, key.verifyKey).chain.ok).toBe(true);
      const active = [await anchorer!.metric('audit_anchorer_active'), await standby.metric('audit_anchorer_active')];
      expect(active.sort()).toEqual([0, 1]);
    } finally {
      await standby.stop();
    }
  });

  it('lets `verify` pass a stream whose last three events were deleted; `verify --anchored` names them', async () => {
    const streamId = incidentStreamId(tailCut);
    await asSuperuser(async (admin) => {
      await admin.query('DELETE FROM event_store.events WHERE stream_id = $1 AND stream_revision >= 3', [streamId]);
      await admin.query('UPDATE event_store.streams SET revision = 2 WHERE stream_id = $1', [streamId]);
    });
    expect((await cli(['verify', tailCut])).stdout).toMatch(/OK \(3 events\)/);
    await expect(cli(['verify', '--anchored', tailCut])).rejects.toMatchObject({
      code: 2,
      stdout: expect.stringMatching(/BROKEN\n\s+revision 5 anchored at \S+ \(anchor #\d+\), the store ends at 2/),
    });
  });

  it('lets `verify` pass a stream rewritten with its chain recomputed; `verify --anchored` names it', async () => {
    const streamId = incidentStreamId(rewritten);
    await asSuperuser(async (admin) => {
      const { rows } = await admin.query<{
        id: string;
        type: string;
        version: number;
        data: object;
        metadata: PreparedEvent['metadata'];
        revision: number;
      }>(
        `SELECT event_id AS id, event_type AS type, schema_version AS version, data, metadata, stream_revision AS revision
         FROM event_store.events WHERE stream_id = $1 ORDER BY stream_revision`,
        [streamId],
      );
      let prevHash = rows[0]!.metadata.hash;
      for (const row of rows.slice(1)) {
        const data = row.revision === 1 ? { ...row.data, note: 'nothing happened' } : row.data;
        const unhashed = {
          id: row.id,
          type: row.type,
          schemaVersion: row.version,
          data,
          metadata: { ...row.metadata, prevHash },
        };
        const hash = hashEvent(unhashed, streamId, row.revision);
        await admin.query('UPDATE event_store.events SET data = $1, metadata = $2 WHERE event_id = $3', [
          data,
          { ...unhashed.metadata, hash },
          row.id,
        ]);
        prevHash = hash;
      }
    });
    expect((await cli(['verify', rewritten])).stdout).toMatch(/OK \(5 events\)/);
    await expect(cli(['verify', '--anchored', rewritten])).rejects.toMatchObject({
      code: 2,
      stdout: expect.stringMatching(
        /revision 4 was anchored at \S+ \(anchor #\d+\) with hash .* the stream was rewritten/,
      ),
    });
    const all = await cli(['verify', '--anchored', '--all']).catch((error: { code: number; stdout: string }) => error);
    expect(all).toMatchObject({
      code: 2,
      stdout: expect.stringMatching(/1 of 3 incidents hold against their anchors/),
    });
    expect(all.stdout).toContain(incidentStreamId(tailCut));
    expect(all.stdout).toContain(incidentStreamId(rewritten));
    expect(all.stdout).not.toContain(`${incidentStreamId(intact)}: BROKEN`);
  });

  it('names an anchor altered on the topic, and an altered signature', async () => {
    const { anchors } = await readAnchors();
    const copy = async (label: string, alter: (anchor: Anchor) => Anchor) => {
      const copyPrefix = `${prefix}${label}.`;
      const admin = kafka.admin();
      await admin.connect();
      await ensureTopics(admin, [auditAnchorsTopicSpec(copyPrefix)]).finally(() => admin.disconnect());
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({
        topic: auditAnchorsTopicSpec(copyPrefix).topic,
        acks: -1,
        messages: anchors.map((anchor) => anchorRecord(anchor.sequence === 1 ? alter(anchor) : anchor)),
      });
      await producer.disconnect();
      return cli(['verify', '--anchored', intact], copyPrefix).catch(
        (error: { code: number; stdout: string }) => error,
      );
    };
    const leaf = await copy('leaf', (anchor) => ({
      ...anchor,
      leaves: anchor.leaves.map((l, i) => (i === 0 ? { ...l, hash: 'f'.repeat(64) } : l)),
    }));
    expect(leaf).toMatchObject({
      code: 2,
      stdout: expect.stringMatching(/anchor #1 \(\S+\): its leaves do not give its Merkle root/),
    });
    const signature = await copy('signature', (anchor) => ({
      ...anchor,
      signature: Buffer.from(
        Buffer.from(anchor.signature, 'base64').map((byte, i) => (i === 0 ? byte ^ 1 : byte)),
      ).toString('base64'),
    }));
    expect(signature).toMatchObject({
      code: 2,
      stdout: expect.stringMatching(/anchor #1 \(\S+\): its signature does not verify/),
    });
  });

  it('writes a bundle that verifies offline (CLI and the standalone script), and not with one byte changed', async () => {
    const file = join(folder, 'intact.bundle.json');
    expect((await cli(['bundle', intact, '-o', file])).stdout).toMatch(/6 events, \d+ anchors/);
    expect((await cli(['verify-bundle', file, '--key-id', key.verifyKey.keyId])).stdout).toMatch(
      /bundle OK \(6 events, anchored through revision 5 at /,
    );
    const offline = await run(process.execPath, [OFFLINE_VERIFIER, file, '--key-id', key.verifyKey.keyId], { env: {} });
    expect(offline.stdout).toMatch(/bundle OK \(6 events, anchored through revision 5/);

    const text = await readFile(file, 'utf8');
    const at = text.indexOf('note 1') + 'note '.length;
    const tampered = join(folder, 'tampered.bundle.json');
    await writeFile(tampered, `${text.slice(0, at)}2${text.slice(at + 1)}`);
    await expect(cli(['verify-bundle', tampered])).rejects.toMatchObject({
      code: 2,
      stdout: expect.stringMatching(/bundle BROKEN\n\s+the hash chain breaks at revision 1/),
    });
    await expect(run(process.execPath, [OFFLINE_VERIFIER, tampered], { env: {} })).rejects.toMatchObject({
      code: 2,
      stdout: expect.stringMatching(/revision 1: content does not match its hash/),
    });
  });

  it('writes a bundle of the cut stream that fails offline, naming the anchored revision it lacks', async () => {
    const file = join(folder, 'cut.bundle.json');
    await cli(['bundle', tailCut, '-o', file]);
    await expect(run(process.execPath, [OFFLINE_VERIFIER, file], { env: {} })).rejects.toMatchObject({
      code: 2,
      stdout: expect.stringMatching(/anchors revision 5, the bundle ends at 2/),
    });
  });
});
