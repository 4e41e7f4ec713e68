import { randomUUID } from 'node:crypto';
import { describeWithInfrastructure } from '@incident/testing';
import type { HashChainedEventStore } from '../event-store';
import { note, outcome, prepared } from '../testing-support/adapter-events';
import { createTestEventStore, type TestEventStore } from '../testing-support/test-event-store';
import type { PostgresEventStoreAdapter } from './postgres-event-store';

describeWithInfrastructure(['postgres'], 'PostgreSQL event store: group commit', () => {
  let eventStore: TestEventStore;
  let adapter: PostgresEventStoreAdapter;
  let store: HashChainedEventStore;

  beforeEach(async () => {
    eventStore = await createTestEventStore('pg_group_commit');
    ({ adapter, store } = eventStore);
  });
  afterEach(() => eventStore?.close());

  /** The transaction each stream's events were written in. */
  async function transactionsOf(streams: readonly string[]): Promise<Set<string>> {
    const result = await adapter.pool.query<{ transaction_id: string }>(
      'SELECT DISTINCT transaction_id::text AS transaction_id FROM event_store.events WHERE stream_id = ANY($1)',
      [streams],
    );
    return new Set(result.rows.map((row) => row.transaction_id));
  }

  describe('when appends to different streams arrive together', () => {
    it('writes them in one transaction, each stream at its own revisions, and reports where each landed', async () => {
      await adapter.append('incident-x', [prepared(0)], 'no_stream');
      const results = await Promise.all([
        adapter.append('incident-x', [prepared(1), prepared(2)], 0),
        adapter.append('incident-y', [prepared(0)], 'no_stream'),
        adapter.append('incident-z', [prepared(0)], 'any'),
      ]);
      expect(results.map((result) => result.nextExpectedRevision)).toEqual([2, 0, 0]);
      const [x, y, z] = await Promise.all(['incident-x', 'incident-y', 'incident-z'].map((s) => adapter.readStream(s)));
      expect(x!.map((event) => [event.streamRevision, event.data])).toEqual([
        [0, { n: 0 }],
        [1, { n: 1 }],
        [2, { n: 2 }],
      ]);
      expect(results.map((result) => result.position)).toEqual([
        x![2]!.globalPosition,
        y![0]!.globalPosition,
        z![0]!.globalPosition,
      ]);
      expect((await transactionsOf(['incident-y', 'incident-z'])).size).toBe(1);
      expect(await transactionsOf(['incident-y'])).toEqual(await transactionsOf(['incident-z']));
    });

    it('fails only the append whose expected revision is wrong, naming the actual one, and writes the others', async () => {
      await adapter.append('incident-stale', [prepared(0), prepared(1)], 'no_stream');
      const [before, stale, after, missing] = await Promise.all([
        outcome(adapter.append('incident-ok-1', [prepared(0)], 'no_stream')),
        outcome(adapter.append('incident-stale', [prepared(9)], 0)),
        outcome(adapter.append('incident-ok-2', [prepared(0)], 'no_stream')),
        outcome(adapter.append('incident-none', [prepared(9)], 3)),
      ]);
      expect(before).toEqual({ value: expect.objectContaining({ nextExpectedRevision: 0 }) });
      expect(after).toEqual({ value: expect.objectContaining({ nextExpectedRevision: 0 }) });
      expect(stale).toEqual({
        error: expect.objectContaining({ name: 'WrongExpectedRevision', expected: 0, actual: 1 }),
      });
      expect(missing).toEqual({
        error: expect.objectContaining({ name: 'WrongExpectedRevision', actual: 'no_stream' }),
      });
      expect((await adapter.readStream('incident-stale')).map((event) => event.data)).toEqual([{ n: 0 }, { n: 1 }]);
      await expect(adapter.readStream('incident-none')).rejects.toThrow('does not exist');
      expect((await transactionsOf(['incident-ok-1', 'incident-ok-2'])).size).toBe(1);
    });

    it('lets one of two appends to the same stream at the same revision win, the other fail', async () => {
      await adapter.append('incident-race', [prepared(0)], 'no_stream');
      const outcomes = await Promise.all([
        outcome(adapter.append('incident-race', [prepared(1)], 0)),
        outcome(adapter.append('incident-race', [prepared(2)], 0)),
        outcome(adapter.append('incident-other', [prepared(0)], 'no_stream')),
      ]);
      expect(outcomes.filter((settled) => 'value' in settled)).toHaveLength(2);
      expect(outcomes.filter((settled) => 'error' in settled)).toEqual([
        { error: expect.objectContaining({ name: 'WrongExpectedRevision', actual: 1 }) },
      ]);
      expect(await adapter.readStream('incident-race')).toHaveLength(2);
    });

    it('fails only the append with a duplicate event id: the batch is made again append by append', async () => {
      const taken = randomUUID();
      await adapter.append('incident-first', [prepared(0, taken)], 'no_stream');
      const [good, duplicate] = await Promise.all([
        outcome(adapter.append('incident-good', [prepared(0)], 'no_stream')),
        outcome(adapter.append('incident-dup', [prepared(0), prepared(1, taken)], 'no_stream')),
      ]);
      expect(good).toEqual({ value: expect.objectContaining({ nextExpectedRevision: 0 }) });
      expect(duplicate).toEqual({
        error: expect.objectContaining({ message: expect.stringMatching(/duplicate key/) }),
      });
      await expect(adapter.readStream('incident-dup')).rejects.toThrow('does not exist');
      expect(await adapter.readStream('incident-good')).toHaveLength(1);
    });
  });

  describe('appendAtomically: several streams, all or none', () => {
    it('writes every stream in one transaction, each chained at its own revision', async () => {
      await store.append('incident-a1', [note(0)], 'no_stream');
      const results = await store.appendAtomically!([
        { streamId: 'alertgroup-a1', events: [note(0)], expected: 'no_stream' },
        { streamId: 'incident-a1', events: [note(1), note(2)], expected: 0 },
      ]);
      expect(results.map((result) => result.nextExpectedRevision)).toEqual([0, 2]);
      expect(await store.verifyStream('incident-a1')).toMatchObject({ ok: true, events: 3 });
      expect(await store.verifyStream('alertgroup-a1')).toMatchObject({ ok: true, events: 1 });
      const written = await adapter.pool.query<{ transaction_id: string }>(
        `SELECT DISTINCT transaction_id::text AS transaction_id FROM event_store.events
          WHERE stream_id = 'alertgroup-a1' OR (stream_id = 'incident-a1' AND stream_revision > 0)`,
      );
      expect(written.rows).toHaveLength(1);
    });

    it('writes nothing when one stream is not at its expected revision, undoing the moves before it', async () => {
      await adapter.append('incident-taken', [prepared(0)], 'no_stream');
      await adapter.append('incident-moved', [prepared(0)], 'no_stream');
      const [unit, other] = await Promise.all([
        outcome(
          adapter.appendAtomically([
            { streamId: 'incident-fresh', events: [prepared(0)], expected: 'no_stream' },
            { streamId: 'incident-moved', events: [prepared(1)], expected: 0 },
            { streamId: 'incident-taken', events: [prepared(1)], expected: 'no_stream' },
          ]),
        ),
        outcome(adapter.append('incident-bystander', [prepared(0)], 'no_stream')),
      ]);
      expect(unit).toEqual({
        error: expect.objectContaining({ name: 'WrongExpectedRevision', streamId: 'incident-taken', actual: 0 }),
      });
      expect(other).toEqual({ value: expect.objectContaining({ nextExpectedRevision: 0 }) });
      await expect(adapter.readStream('incident-fresh')).rejects.toThrow('does not exist');
      expect(await adapter.readStream('incident-moved')).toHaveLength(1);
      expect(await adapter.readStream('incident-taken')).toHaveLength(1);
      // The undone moves left the streams' revisions as they were: appends at those revisions still succeed.
      expect((await adapter.append('incident-fresh', [prepared(0)], 'no_stream')).nextExpectedRevision).toBe(0);
      expect((await adapter.append('incident-moved', [prepared(1)], 0)).nextExpectedRevision).toBe(1);
    });
  });

  it('keeps every hash chain intact under many concurrent writers', async () => {
    const streams = Array.from({ length: 20 }, (_, index) => `incident-load-${index}`);
    await Promise.all(
      streams.map(async (stream) => {
        let expected: 'no_stream' | number = 'no_stream';
        for (let n = 0; n < 10; n++) expected = (await store.append(stream, [note(n)], expected)).nextExpectedRevision;
      }),
    );
    const verified = await Promise.all(streams.map((stream) => store.verifyStream(stream)));
    expect(verified).toEqual(streams.map(() => expect.objectContaining({ ok: true, events: 10 })));
    // 200 appends from 20 writers took far fewer transactions than appends: they were committed in groups.
    expect((await transactionsOf(streams)).size).toBeLessThan(200);
  });
});
