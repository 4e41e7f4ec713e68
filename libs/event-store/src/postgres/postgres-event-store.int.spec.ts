import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, describeWithInfrastructure, type TestDatabase } from '@incident/testing';
import type { NewEvent, RecordedEvent } from '../envelope';
import { HashChainedEventStore } from '../event-store';
import { readLogUntil } from '../read-log-until';
import { PostgresEventStoreAdapter } from './postgres-event-store';

const note = (n: number): NewEvent => ({
  type: 'NoteAdded',
  data: { n },
  metadata: { occurredAt: '2026-11-22T04:00:00.000Z', actor: { kind: 'system', id: 'test' }, correlationId: 'c' },
});

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
  let database: TestDatabase;
  let adapter: PostgresEventStoreAdapter;
  let store: HashChainedEventStore;

  beforeEach(async () => {
    database = await createTestDatabase('pg_event_store');
    adapter = await PostgresEventStoreAdapter.connect({ connectionString: database.url, pollIntervalMs: 50 });
    store = new HashChainedEventStore(adapter);
  });
  afterEach(async () => {
    await adapter?.close();
    await database?.drop();
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

  it('names exactly the revision whose stored data was altered', async () => {
    const streams = Array.from({ length: 5 }, () => `incident-${randomUUID()}`);
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
          `UPDATE event_store.events SET data = jsonb_set(data, '{n}', '42') WHERE stream_id = $1 AND stream_revision = $2`,
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
