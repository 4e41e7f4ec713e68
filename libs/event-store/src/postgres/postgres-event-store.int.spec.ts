import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { describeWithInfrastructure, type TestDatabase } from '@incident/testing';
import type { RecordedEvent } from '../envelope';
import { HashChainedEventStore } from '../event-store';
import { readLogUntil } from '../read-log-until';
import { note, prepared } from '../testing-support/adapter-events';
import { createTestEventStore, type TestEventStore } from '../testing-support/test-event-store';
import type { PostgresEventStoreAdapter } from './postgres-event-store';
import { incidentStreamId } from '@incident/domain';

/** Collects what a subscription delivers until `count` events arrived. */
function collect(store: HashChainedEventStore, count: number, after?: string) {
  const received: RecordedEvent[] = [];
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const subscription = store.subscribe({
    ...(after ? { after } : {}),
    onEvent: async (event) => {
      received.push(event);
      if (received.length === count) resolveDone();
    },
  });
  return { received, done, subscription };
}

describeWithInfrastructure(['postgres'], 'PostgreSQL event store specifics', () => {
  let eventStore: TestEventStore;
  let database: TestDatabase;
  let adapter: PostgresEventStoreAdapter;
  let store: HashChainedEventStore;

  beforeEach(async () => {
    eventStore = await createTestEventStore('pg_event_store', { pollIntervalMs: 50 });
    ({ database, adapter, store } = eventStore);
  });
  afterEach(() => eventStore?.close());

  describe('one-statement append (event_store.append_events)', () => {
    const rejection = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: unknown) => error,
      );

    it('writes the events in order at consecutive revisions and positions, returning the last of each', async () => {
      const result = await adapter.append('incident-a', [prepared(0), prepared(1), prepared(2)], 'no_stream');
      const events = await adapter.readStream('incident-a');
      expect(events.map((event) => [event.streamRevision, event.data])).toEqual([
        [0, { n: 0 }],
        [1, { n: 1 }],
        [2, { n: 2 }],
      ]);
      expect(events[1]!.globalPosition).toBe(events[0]!.globalPosition + 1n);
      expect(events[2]!.globalPosition).toBe(events[1]!.globalPosition + 1n);
      expect(result).toEqual({ nextExpectedRevision: 2, position: events[2]!.globalPosition });
      expect((await adapter.append('incident-a', [prepared(3)], 'any')).nextExpectedRevision).toBe(3);
      expect((await adapter.append('incident-a', [prepared(4), prepared(5)], 3)).nextExpectedRevision).toBe(5);
    });

    it('reports the actual revision on a wrong expected one, and writes nothing', async () => {
      await adapter.append('incident-b', [prepared(0), prepared(1)], 'no_stream');
      expect(await rejection(adapter.append('incident-b', [prepared(9)], 0))).toMatchObject({
        name: 'WrongExpectedRevision',
        expected: 0,
        actual: 1,
      });
      expect(await rejection(adapter.append('incident-b', [prepared(9)], 'no_stream'))).toMatchObject({ actual: 1 });
      expect(await rejection(adapter.append('incident-none', [prepared(9)], 4))).toMatchObject({
        name: 'WrongExpectedRevision',
        actual: 'no_stream',
      });
      expect((await adapter.readStream('incident-b')).map((event) => event.data)).toEqual([{ n: 0 }, { n: 1 }]);
      await expect(adapter.readStream('incident-none')).rejects.toThrow('does not exist');
    });

    it('is all or nothing: a duplicate event id in the batch leaves the stream and its revision as they were', async () => {
      const taken = randomUUID();
      await adapter.append('incident-c', [prepared(0, taken)], 'no_stream');
      await expect(adapter.append('incident-c', [prepared(1), prepared(2, taken)], 0)).rejects.toThrow(/duplicate key/);
      expect((await adapter.readStream('incident-c')).map((event) => event.data)).toEqual([{ n: 0 }]);
      expect((await adapter.append('incident-c', [prepared(1)], 0)).nextExpectedRevision).toBe(1);
    });
  });

  it('chains onto remembered tails without reading them, and stays exact when another process appends', async () => {
    let tailReads = 0;
    const counting = Object.assign(Object.create(adapter) as PostgresEventStoreAdapter, {
      readStream: (...args: Parameters<PostgresEventStoreAdapter['readStream']>) => {
        tailReads += 1;
        return adapter.readStream(...args);
      },
    });
    const mine = new HashChainedEventStore(counting);
    // Another process: a pool and a store of its own.
    const { store: theirs } = await eventStore.connect();
    await mine.append('incident-shared', [note(0)], 'no_stream');
    await mine.append('incident-shared', [note(1), note(2)], 0);
    await mine.append('incident-shared', [note(3)], 2);
    expect(tailReads).toBe(0);
    // Another process moves the stream on; this one's memory of revision 3 is now behind.
    await theirs.append('incident-shared', [note(4)], 3);
    await expect(mine.append('incident-shared', [note(5)], 3)).rejects.toMatchObject({
      name: 'WrongExpectedRevision',
      actual: 4,
    });
    await mine.append('incident-shared', [note(5)], 4); // not remembered: read, then chained onto their event
    expect(tailReads).toBe(1);
    expect(await store.verifyStream('incident-shared')).toMatchObject({ ok: true });
    expect((await store.readStream('incident-shared')).map((event) => event.data)).toEqual(
      [0, 1, 2, 3, 4, 5].map((n) => ({ n })),
    );
  });

  it('never skips an event committed after a higher position was already visible', async () => {
    const early = new Client({ connectionString: database.url });
    const late = new Client({ connectionString: database.url });
    await Promise.all([early.connect(), late.connect()]);
    try {
      const insert = (client: Client, stream: string) =>
        client.query<{ global_position: string }>(
          `WITH s AS (INSERT INTO event_store.streams (stream_id, revision) VALUES ($1, 0))
           INSERT INTO event_store.events (stream_id, stream_revision, event_id, event_type, schema_version, data, metadata)
           VALUES ($1, 0, $2, 'NoteAdded', 1, '{}'::jsonb, '{}'::jsonb) RETURNING global_position`,
          [stream, randomUUID()],
        );
      const { received, done, subscription } = collect(store, 2);
      // The first transaction takes the lower position but commits last.
      await early.query('BEGIN');
      const low = await insert(early, 'stream-low');
      await late.query('BEGIN');
      const high = await insert(late, 'stream-high');
      await late.query('COMMIT');
      expect(BigInt(low.rows[0]!.global_position)).toBeLessThan(BigInt(high.rows[0]!.global_position));
      // Give the subscriber several polls while the low position is still uncommitted.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received).toHaveLength(0);
      await early.query('COMMIT');
      await done;
      await subscription.stop();
      // Both arrive, the lower position first: the reader waited for it instead of moving past it.
      expect(received.map((event) => event.streamId)).toEqual(['stream-low', 'stream-high']);
    } finally {
      await Promise.all([early.end(), late.end()]);
    }
  });

  it('orders the global log by transaction id as a number, also where it gains a digit (99 before 100)', async () => {
    // Transaction ids are the cluster's; a fresh cluster crosses 999 -> 1000 within minutes. Rows are written
    // directly with chosen ids (far below any running transaction, so visible) to cross a boundary on demand.
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      for (const [xid, stream] of [
        ['100', 'stream-later'],
        ['99', 'stream-earlier'],
      ] as const) {
        await admin.query(
          `INSERT INTO event_store.events (transaction_id, stream_id, stream_revision, event_id, event_type,
             schema_version, data, metadata)
           VALUES ($1::text::xid8, $2, 0, $3, 'NoteAdded', 1, '{}', '{}')`,
          [xid, stream, randomUUID()],
        );
      }
    } finally {
      await admin.end();
    }
    const all = await adapter.readAll({ maxCount: 10 });
    expect(all.map((event) => event.streamId)).toEqual(['stream-earlier', 'stream-later']);
    // Page by page from each checkpoint: each event once, none skipped.
    const first = await adapter.readAll({ maxCount: 1 });
    const second = await adapter.readAll({ after: first[0]!.checkpoint, maxCount: 1 });
    const third = await adapter.readAll({ after: second[0]!.checkpoint, maxCount: 1 });
    expect([...first, ...second, ...third].map((event) => event.streamId)).toEqual(['stream-earlier', 'stream-later']);
  });

  it('resumes from any checkpoint without skipping or repeating an event', async () => {
    const streams = Array.from({ length: 20 }, () => `stream-${randomUUID()}`);
    // Concurrent writers, so positions and transaction ids interleave.
    await Promise.all(
      streams.map(async (stream) => {
        for (let n = 0; n < 10; n++) await store.append(stream, [note(n)], 'any');
      }),
    );
    const full = await readLogUntil(store, (events) => events.length >= 200);
    expect(full).toHaveLength(200);
    const ids = full.map((event) => event.id);
    for (const stopAt of [0, 1, 37, 99, 150, 199]) {
      const first = collect(store, stopAt + 1);
      await first.done;
      await first.subscription.stop();
      const checkpoint = first.received[stopAt]!.checkpoint;
      const rest = collect(store, 200 - stopAt - 1, checkpoint);
      if (stopAt < 199) await rest.done;
      else await new Promise((resolve) => setTimeout(resolve, 200));
      await rest.subscription.stop();
      const resumed = [...first.received.slice(0, stopAt + 1), ...rest.received].map((event) => event.id);
      expect(resumed).toEqual(ids);
    }
  });

  it('reads the global log as heads: the same events, order and checkpoints as readAll, without bodies', async () => {
    const streams = Array.from({ length: 4 }, () => `stream-${randomUUID()}`);
    await Promise.all(streams.map((stream) => store.append(stream, [note(0), note(1), note(2)], 'no_stream')));
    const full = await readLogUntil(store, (events) => events.length >= 12);
    const heads = await store.readAllHeads!({ maxCount: 100 });
    expect(heads).toEqual(
      full.map((event) => ({
        streamId: event.streamId,
        streamRevision: event.streamRevision,
        hash: event.metadata.hash,
        globalPosition: event.globalPosition,
        checkpoint: event.checkpoint,
      })),
    );
    const rest = await store.readAllHeads!({ after: full[4]!.checkpoint, maxCount: 3 });
    expect(rest.map((head) => head.checkpoint)).toEqual(full.slice(5, 8).map((event) => event.checkpoint));
  });

  it('reads every field back as stored, whatever a type or stream id holds (the scalars travel in one text)', async () => {
    const stream = `stream "${randomUUID()}" with spaces`;
    const odd = { ...note(7), type: 'Note added "v2" – ünïcode', schemaVersion: 3, data: { text: 'a b  c ü' } };
    await store.append(stream, [note(0), odd], 'no_stream');
    const read = await store.readStream(stream);
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      const stored = await admin.query<{ id: string; position: string; xid: string }>(
        `SELECT event_id AS id, global_position::text AS position, transaction_id::text AS xid
           FROM event_store.events WHERE stream_id = $1 ORDER BY stream_revision`,
        [stream],
      );
      expect(read.map(({ id, globalPosition, checkpoint }) => ({ id, globalPosition, checkpoint }))).toEqual(
        stored.rows.map(({ id, position, xid }) => ({
          id,
          globalPosition: BigInt(position),
          checkpoint: `${xid}:${position}`,
        })),
      );
    } finally {
      await admin.end();
    }
    expect(read[1]).toMatchObject({
      type: odd.type,
      schemaVersion: 3,
      data: odd.data,
      streamId: stream,
      streamRevision: 1,
    });
    const logged = await readLogUntil(store, (events) =>
      events.some((event) => event.streamId === stream && event.streamRevision === 1),
    );
    expect(logged.filter((event) => event.streamId === stream)).toEqual(read);
  });

  it('names exactly the revision whose stored data was altered', async () => {
    const streams = Array.from({ length: 5 }, () => incidentStreamId(randomUUID()));
    for (const stream of streams) {
      await store.append(stream, [note(0), note(1), note(2)], 'no_stream');
      await store.append(stream, [note(3), note(4)], 2);
      expect((await store.verifyStream(stream)).ok).toBe(true);
    }
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      // The append-only trigger refuses UPDATE; an attacker with enough rights switches it off first.
      await admin.query('ALTER TABLE event_store.events DISABLE TRIGGER events_append_only');
      for (const [revision, stream] of streams.entries()) {
        await admin.query(
          `UPDATE event_store.events SET data = jsonb_set(data::jsonb, '{n}', '42') WHERE stream_id = $1 AND stream_revision = $2`,
          [stream, revision],
        );
        expect(await store.verifyStream(stream)).toMatchObject({ ok: false, firstBrokenRevision: revision });
      }
    } finally {
      await admin.end();
    }
  });

  it('refuses to update or delete stored events', async () => {
    await store.append('stream-x', [note(0)], 'no_stream');
    await expect(adapter.pool.query('DELETE FROM event_store.events')).rejects.toThrow(/append-only: DELETE refused/);
    await expect(adapter.pool.query(`UPDATE event_store.events SET event_type = 'X'`)).rejects.toThrow(/append-only/);
  });
});
