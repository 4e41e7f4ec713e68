import { describeWithInfrastructure } from '@incident/testing';
import type { ExpectedRevision, NewEvent } from '../envelope';
import type { HashChainedEventStore } from '../event-store';
import { outcome, prepared } from '../testing-support/adapter-events';
import { createTestEventStore, type TestEventStore } from '../testing-support/test-event-store';
import type { PostgresEventStoreAdapter } from './postgres-event-store';

/**
 * Migration 4 checks a numeric expected revision against the events themselves (the stream's last event, and the
 * unique (stream, revision) index) instead of moving the stream's row: these are the cases that change could get
 * wrong, beyond what the group-commit and contract specs already hold it to.
 */
describeWithInfrastructure(['postgres'], 'PostgreSQL event store: expected revisions checked on the events', () => {
  let eventStore: TestEventStore;
  let adapter: PostgresEventStoreAdapter;
  let store: HashChainedEventStore;

  beforeEach(async () => {
    eventStore = await createTestEventStore('pg_revision_check');
    ({ adapter, store } = eventStore);
  });
  afterEach(() => eventStore?.close());

  describe('when writers with pools of their own race for the same revision', () => {
    it('lets exactly one take each revision and tells every other one the actual revision', async () => {
      const writers = await Promise.all(Array.from({ length: 5 }, () => eventStore.connect()));
      await adapter.append('incident-contended', [prepared(0)], 'no_stream');
      for (let revision = 0; revision < 4; revision++) {
        const outcomes = await Promise.all(
          writers.map((writer, index) =>
            outcome(writer.adapter.append('incident-contended', [prepared(index), prepared(index)], revision * 2)),
          ),
        );
        expect(outcomes.filter((settled) => 'value' in settled)).toEqual([
          { value: expect.objectContaining({ nextExpectedRevision: revision * 2 + 2 }) },
        ]);
        expect(outcomes.filter((settled) => 'error' in settled)).toEqual(
          Array.from({ length: 4 }, () => ({
            error: expect.objectContaining({ name: 'WrongExpectedRevision', actual: revision * 2 + 2 }),
          })),
        );
      }
      const revisions = (await adapter.readStream('incident-contended')).map((event) => event.streamRevision);
      expect(revisions).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    });

    it('keeps every chain whole when hash-chained stores in separate processes append to shared streams', async () => {
      const others = await Promise.all(Array.from({ length: 3 }, () => eventStore.connect()));
      const stores = [store, ...others.map((other) => other.store)];
      const streams = ['incident-shared-a', 'incident-shared-b'];
      const note = (n: number): NewEvent => ({
        type: 'NoteAdded',
        data: { n },
        metadata: { occurredAt: '2026-11-22T04:00:00.000Z', actor: { kind: 'system', id: 'test' }, correlationId: 'c' },
      });
      // Each writer appends where it last saw the stream end, re-reading on a conflict, as the command handler does.
      await Promise.all(
        stores.flatMap((writer) =>
          streams.map(async (stream) => {
            let expected: ExpectedRevision = 'no_stream';
            for (let written = 0; written < 5;) {
              try {
                expected = (await writer.append(stream, [note(written)], expected)).nextExpectedRevision;
                written += 1;
              } catch (error) {
                if ((error as { name?: string }).name !== 'WrongExpectedRevision') throw error;
                expected = (error as { actual: ExpectedRevision }).actual;
              }
            }
          }),
        ),
      );
      const verified = await Promise.all(streams.map((stream) => store.verifyStream(stream)));
      expect(verified).toEqual(streams.map(() => expect.objectContaining({ ok: true, events: 20 })));
    });
  });

  describe('when one batch appends to a stream more than once', () => {
    it('continues each append where the one before it in the batch ends, and fails one that expects otherwise', async () => {
      const outcomes = await Promise.all([
        outcome(adapter.append('incident-batched', [prepared(0), prepared(1)], 'no_stream')),
        outcome(adapter.append('incident-batched', [prepared(2)], 1)),
        outcome(adapter.append('incident-batched', [prepared(9)], 1)),
        outcome(adapter.append('incident-batched', [prepared(3)], 2)),
        outcome(adapter.append('incident-batched', [prepared(9)], 'no_stream')),
      ]);
      expect(outcomes).toEqual([
        { value: expect.objectContaining({ nextExpectedRevision: 1 }) },
        { value: expect.objectContaining({ nextExpectedRevision: 2 }) },
        { error: expect.objectContaining({ name: 'WrongExpectedRevision', expected: 1, actual: 2 }) },
        { value: expect.objectContaining({ nextExpectedRevision: 3 }) },
        { error: expect.objectContaining({ name: 'WrongExpectedRevision', expected: 'no_stream', actual: 3 }) },
      ]);
      expect((await adapter.readStream('incident-batched')).map((event) => event.data)).toEqual(
        [0, 1, 2, 3].map((n) => ({ n })),
      );
    });
  });

  describe('when the expected revision is past the stream’s end', () => {
    it('refuses it, naming the last revision, and leaves no gap', async () => {
      await adapter.append('incident-short', [prepared(0), prepared(1)], 'no_stream');
      await expect(adapter.append('incident-short', [prepared(9)], 5)).rejects.toMatchObject({
        name: 'WrongExpectedRevision',
        expected: 5,
        actual: 1,
      });
      expect((await adapter.readStream('incident-short')).map((event) => event.streamRevision)).toEqual([0, 1]);
    });
  });

  describe('when appends at any revision follow appends at a numeric one', () => {
    it('continues from the stream’s last event', async () => {
      await adapter.append('incident-mixed', [prepared(0), prepared(1)], 'no_stream');
      await adapter.append('incident-mixed', [prepared(2)], 1);
      const [first, second] = await Promise.all([
        adapter.append('incident-mixed', [prepared(3)], 'any'),
        adapter.append('incident-mixed', [prepared(4)], 'any'),
      ]);
      expect([first?.nextExpectedRevision, second?.nextExpectedRevision]).toEqual([3, 4]);
      expect((await adapter.append('incident-mixed', [prepared(5)], 4)).nextExpectedRevision).toBe(5);
    });
  });
});
