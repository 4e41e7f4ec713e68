import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createTestDatabase, describeWithInfrastructure, type TestDatabase } from '@incident/testing';
import type { PreparedEvent } from '../envelope';
import { HashChainedEventStore } from '../event-store';
import { GENESIS_HASH, sealEvent } from '../hash-chain';
import { note } from '../testing-support/adapter-events';
import { PostgresEventStoreAdapter } from './postgres-event-store';
import { migrateEventStore } from './postgres-migrations';

/** `count` events chained from the stream's start, sealed as HashChainedEventStore seals them. */
function chained(streamId: string, count: number, from = 0, prevHash = GENESIS_HASH): PreparedEvent[] {
  const events: PreparedEvent[] = [];
  for (let revision = from; revision < from + count; revision++) {
    const unhashed = {
      id: randomUUID(),
      type: 'NoteAdded',
      schemaVersion: 1,
      data: { n: revision, words: ['a', 'b'] },
      metadata: { ...note(revision).metadata, recordedAt: '2026-12-04T01:00:00.000Z', causationId: null, prevHash },
    };
    prevHash = sealEvent(unhashed, streamId, revision).hash;
    events.push({ ...unhashed, metadata: { ...unhashed.metadata, hash: prevHash } });
  }
  return events;
}

/** What the code before migration 5 sent: both as one jsonb array each, to append_units. */
async function appendAsBefore(pool: Pool, streamId: string, events: PreparedEvent[], expected: string) {
  await pool.query(
    `SELECT * FROM event_store.append_units($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb)`,
    [
      [streamId],
      [expected],
      [events.length],
      [1],
      events.map(() => 1),
      events.map((_, offset) => offset),
      events.map((event) => event.id),
      events.map((event) => event.type),
      events.map((event) => event.schemaVersion),
      JSON.stringify(events.map((event) => event.data)),
      JSON.stringify(events.map((event) => event.metadata)),
    ],
  );
}

describeWithInfrastructure(['postgres'], 'PostgreSQL event store: data and metadata as the hashed json texts', () => {
  let database: TestDatabase;
  let pool: Pool;
  let adapter: PostgresEventStoreAdapter | undefined;

  beforeEach(async () => {
    database = await createTestDatabase('pg_json_columns');
    pool = new Pool({ connectionString: database.url, max: 2 });
  });
  afterEach(async () => {
    await adapter?.close();
    adapter = undefined;
    await pool.end();
    await database.drop();
  });

  const storedTexts = async (streamId: string) =>
    (
      await pool.query<{ data: string; metadata: string }>(
        `SELECT data::text AS data, metadata::text AS metadata FROM event_store.events
          WHERE stream_id = $1 ORDER BY stream_revision`,
        [streamId],
      )
    ).rows;

  it('stores each event’s data and metadata as the very texts its hash was computed from', async () => {
    adapter = await PostgresEventStoreAdapter.connect({ connectionString: database.url });
    const store = new HashChainedEventStore(adapter);
    const stream = `incident-${randomUUID()}`;
    await store.append(stream, [note(0), { ...note(1), data: { z: 1, a: { y: 'ü "q"', b: [2, 1] } } }], 'no_stream');
    const read = await store.readStream(stream);
    const expected = read.map((event, revision) => {
      const { hash: _hash, ...unhashed } = event.metadata;
      const sealed = sealEvent({ ...event, metadata: unhashed }, stream, revision);
      return { data: sealed.dataJson, metadata: sealed.metadataJson };
    });
    expect(await storedTexts(stream)).toEqual(expected);
    expect(read[1]!.data).toEqual({ z: 1, a: { y: 'ü "q"', b: [2, 1] } });
    // Queries on fields keep working on json, as the audit's heads do.
    const hashes = await pool.query(
      `SELECT metadata->>'hash' AS hash, data->'a'->>'y' AS y FROM event_store.events
      WHERE stream_id = $1 ORDER BY stream_revision`,
      [stream],
    );
    expect(hashes.rows).toEqual(
      read.map((event) => ({ hash: event.metadata.hash, y: event.streamRevision ? 'ü "q"' : null })),
    );
  });

  it('upgrades a store written as jsonb: old rows read and verify, chains continue, tampering is still caught', async () => {
    expect(await migrateEventStore(pool, 4)).toEqual([1, 2, 3, 4]);
    const old = `incident-${randomUUID()}`;
    const written = chained(old, 3);
    await appendAsBefore(pool, old, written, 'no_stream');
    expect(await migrateEventStore(pool, 5)).toEqual([5]);
    // Connecting applies migration 6 as well: the stream written before it has a row in event_store.streams.
    adapter = await PostgresEventStoreAdapter.connect({ connectionString: database.url });
    const store = new HashChainedEventStore(adapter);
    // Converted rows hold jsonb's printing (spaces after colons), not the texts that were hashed: the chain is
    // verified on the values, so that does not matter.
    expect((await storedTexts(old))[0]!.data).toBe('{"n": 0, "words": ["a", "b"]}');
    expect((await store.readStream(old)).map(({ id, data, metadata }) => ({ id, data, metadata }))).toEqual(
      written.map(({ id, data, metadata }) => ({ id, data, metadata })),
    );
    await store.append(old, [note(3)], 2);
    // A process still on the code before this migration appends through append_units, as before.
    const tail = (await store.readStream(old, { direction: 'backwards', maxCount: 1 }))[0]!;
    await appendAsBefore(pool, old, chained(old, 1, 4, tail.metadata.hash), '3');
    expect(await store.verifyStream(old)).toMatchObject({ ok: true, events: 5 });
    // After migration 6: `any` queues on the old row and continues from the last event; creating it again conflicts.
    expect((await store.append(old, [note(5)], 'any')).nextExpectedRevision).toBe(5);
    await expect(store.append(old, [note(6)], 'no_stream')).rejects.toMatchObject({ name: 'WrongExpectedRevision' });
    expect(await store.verifyStream(old)).toMatchObject({ ok: true, events: 6 });

    await pool.query('ALTER TABLE event_store.events DISABLE TRIGGER events_append_only');
    await pool.query(
      `UPDATE event_store.events SET metadata = jsonb_set(metadata::jsonb, '{actor,id}', '"mallory"')
        WHERE stream_id = $1 AND stream_revision = 1`,
      [old],
    );
    expect(await store.verifyStream(old)).toMatchObject({ ok: false, firstBrokenRevision: 1 });
  });
});
