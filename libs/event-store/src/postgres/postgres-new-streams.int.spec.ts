import { Pool } from 'pg';
import { describeWithInfrastructure } from '@incident/testing';
import { outcome, prepared } from '../testing-support/adapter-events';
import { createTestEventStore, type TestEventStore } from '../testing-support/test-event-store';
import type { PostgresEventStoreAdapter } from './postgres-event-store';

/**
 * Migration 6 creates a stream without a row in event_store.streams: whether it exists is asked of its events, and
 * two creators race on the events' unique (stream, revision) index. These are the cases that could get wrong.
 */
describeWithInfrastructure(['postgres'], 'PostgreSQL event store: new streams without a streams row', () => {
  let eventStore: TestEventStore;
  let adapter: PostgresEventStoreAdapter;
  let pool: Pool;

  beforeEach(async () => {
    eventStore = await createTestEventStore('pg_new_streams');
    ({ adapter } = eventStore);
    pool = new Pool({ connectionString: eventStore.database.url, max: 1 });
  });
  afterEach(async () => {
    await pool?.end();
    await eventStore?.close();
  });

  const streamRows = async (streamId: string) =>
    (await pool.query('SELECT 1 FROM event_store.streams WHERE stream_id = $1', [streamId])).rowCount;

  it('answers a read of a missing stream from its first or last event with one statement', async () => {
    await adapter.append('incident-read', [prepared(0), prepared(1)], 'no_stream');
    const queries = jest.spyOn(adapter.pool, 'query');
    await expect(adapter.readStream('incident-missing')).rejects.toMatchObject({ name: 'StreamNotFound' });
    await expect(adapter.readStream('incident-missing', { direction: 'backwards', maxCount: 1 })).rejects.toMatchObject(
      { name: 'StreamNotFound' },
    );
    expect(queries).toHaveBeenCalledTimes(2);
    // Reads that can come back empty from a stream that exists still ask whether it does.
    expect(await adapter.readStream('incident-read', { fromRevision: 2 })).toEqual([]);
    expect(await adapter.readStream('incident-read', { maxCount: 0 })).toEqual([]);
    await expect(adapter.readStream('incident-missing', { fromRevision: 1 })).rejects.toMatchObject({
      name: 'StreamNotFound',
    });
    expect(queries).toHaveBeenCalledTimes(2 + 2 * 2 + 2);
  });

  it('creates a stream with its events only, and still knows it exists when a read past its end is empty', async () => {
    await adapter.append('incident-fresh', [prepared(0), prepared(1)], 'no_stream');
    expect(await streamRows('incident-fresh')).toBe(0);
    expect(await adapter.readStream('incident-fresh', { fromRevision: 2 })).toEqual([]);
    await expect(adapter.readStream('incident-never-written')).rejects.toMatchObject({ name: 'StreamNotFound' });
    await expect(adapter.append('incident-fresh', [prepared(9)], 'no_stream')).rejects.toMatchObject({
      name: 'WrongExpectedRevision',
      expected: 'no_stream',
      actual: 1,
    });
  });

  it('lets exactly one of several writers with pools of their own create a stream', async () => {
    const writers = await Promise.all(Array.from({ length: 5 }, () => eventStore.connect()));
    for (let round = 0; round < 5; round++) {
      const streamId = `incident-raced-${round}`;
      const outcomes = await Promise.all(
        writers.map((writer, index) =>
          outcome(writer.adapter.append(streamId, [prepared(index), prepared(index)], 'no_stream')),
        ),
      );
      expect(outcomes.filter((settled) => 'value' in settled)).toEqual([
        { value: expect.objectContaining({ nextExpectedRevision: 1 }) },
      ]);
      expect(outcomes.filter((settled) => 'error' in settled)).toEqual(
        Array.from({ length: 4 }, () => ({
          error: expect.objectContaining({ name: 'WrongExpectedRevision', expected: 'no_stream', actual: 1 }),
        })),
      );
      expect((await adapter.readStream(streamId)).map((event) => event.streamRevision)).toEqual([0, 1]);
    }
  });

  it('continues an `any` append from the last event of a stream created without a row', async () => {
    await adapter.append('incident-then-any', [prepared(0), prepared(1)], 'no_stream');
    const [first, second] = await Promise.all([
      adapter.append('incident-then-any', [prepared(2)], 'any'),
      adapter.append('incident-then-any', [prepared(3)], 'any'),
    ]);
    expect([first?.nextExpectedRevision, second?.nextExpectedRevision].sort()).toEqual([2, 3]);
    // The row `any` writers queue on was made by the first of them.
    expect(await streamRows('incident-then-any')).toBe(1);
    expect((await adapter.append('incident-then-any', [prepared(4)], 3)).nextExpectedRevision).toBe(4);
    expect((await adapter.readStream('incident-then-any')).map((event) => event.data)).toEqual(
      [0, 1, 2, 3, 4].map((n) => ({ n })),
    );
  });

  it('creates none of a unit’s new streams when another of its appends conflicts', async () => {
    await adapter.append('incident-taken', [prepared(0)], 'no_stream');
    await expect(
      adapter.appendAtomically([
        { streamId: 'alertgroup-new', events: [prepared(1)], expected: 'no_stream' },
        { streamId: 'incident-taken', events: [prepared(2)], expected: 'no_stream' },
      ]),
    ).rejects.toMatchObject({ name: 'WrongExpectedRevision', actual: 0 });
    await expect(adapter.readStream('alertgroup-new')).rejects.toMatchObject({ name: 'StreamNotFound' });
    expect(
      await adapter.appendAtomically([
        { streamId: 'alertgroup-new', events: [prepared(3)], expected: 'no_stream' },
        { streamId: 'incident-other', events: [prepared(4)], expected: 'no_stream' },
      ]),
    ).toEqual([
      expect.objectContaining({ nextExpectedRevision: 0 }),
      expect.objectContaining({ nextExpectedRevision: 0 }),
    ]);
  });
});
