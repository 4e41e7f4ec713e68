import type {
  AppendResult as KurrentAppendResult,
  EventData,
  KurrentDBClient,
  Position,
  RecordedEvent as KurrentRecordedEvent,
} from '@kurrent/kurrentdb-client';
import type { NewEvent } from '../envelope';
import { HashChainedEventStore } from '../event-store';
import { EventStoreDbAdapter } from './eventstoredb-event-store';

/**
 * No KurrentDB server can run here, so these script its answers, as read in its source (IndexWriter.CheckCommit,
 * BatchAppendResp.Success.Completed), through a stand-in for the client; the adapter code under test is the real one.
 */
class ScriptedKurrentClient {
  readonly stored: KurrentRecordedEvent[] = [];
  readonly reads: unknown[] = [];
  appendCalls = 0;
  /** The answer to the next append; absent: store the events and answer as a fresh write does. */
  nextAnswer: KurrentAppendResult | undefined;

  async appendToStream(streamId: string, events: EventData[]): Promise<KurrentAppendResult> {
    this.appendCalls++;
    const scripted = this.nextAnswer;
    this.nextAnswer = undefined;
    if (scripted) return scripted;
    let position: Position = { commit: 0n, prepare: 0n };
    for (const event of events) {
      const revision = BigInt(this.stored.filter((e) => e.streamId === streamId).length);
      position = {
        commit: 1_000n + BigInt(this.stored.length) * 100n,
        prepare: 1_000n + BigInt(this.stored.length) * 100n,
      };
      this.stored.push({
        streamId,
        id: event.id,
        revision,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        isJson: true,
        created: new Date(),
        position,
      } as KurrentRecordedEvent);
    }
    return { success: true, nextExpectedRevision: this.stored.at(-1)!.revision, position };
  }

  readStream(
    streamId: string,
    options: { fromRevision: bigint | 'start' | 'end'; direction: string; maxCount?: number },
  ) {
    this.reads.push({ streamId, ...options });
    const inStream = this.stored.filter((e) => e.streamId === streamId);
    const backwards = options.direction === 'backwards';
    const selected = (backwards ? [...inStream].reverse() : inStream)
      .filter((e) => {
        const from = options.fromRevision;
        if (typeof from !== 'bigint') return true;
        return backwards ? e.revision <= from : e.revision >= from;
      })
      .slice(0, options.maxCount);
    return (async function* () {
      for (const event of selected) yield { event };
    })();
  }

  readonly dispose = async (): Promise<void> => undefined;
}

const noted = (n: number): NewEvent => ({
  type: 'NoteAdded',
  data: { n },
  metadata: { occurredAt: '2026-11-22T04:00:00.000Z', actor: { kind: 'system', id: 'unit' }, correlationId: 'c' },
});

describe('EventStoreDB adapter: how it takes the server’s append answers', () => {
  let client: ScriptedKurrentClient;
  let adapter: EventStoreDbAdapter;
  let store: HashChainedEventStore;

  beforeEach(() => {
    client = new ScriptedKurrentClient();
    adapter = EventStoreDbAdapter.withClient(client as unknown as KurrentDBClient);
    store = new HashChainedEventStore(adapter);
  });

  describe('when the server reports a log position', () => {
    it('returns its commit position and the revision reached', async () => {
      const result = await store.append('s-1', [noted(0), noted(1)], 'no_stream');
      expect(result).toEqual({ nextExpectedRevision: 1, position: 1_100n });
      expect(client.reads).toEqual([]);
    });
  });

  describe('when the server answers an idempotent success without a position (-1: not indexed yet)', () => {
    it('reads the event at the reported revision for its position instead of failing the durable write', async () => {
      await store.append('s-1', [noted(0)], 'no_stream');
      const [written] = await adapter.readStream('s-1');
      const resent = {
        id: written!.id,
        type: written!.type,
        schemaVersion: 2,
        data: written!.data,
        metadata: written!.metadata,
      };
      client.nextAnswer = { success: true, nextExpectedRevision: 0n, position: undefined };

      const result = await adapter.append('s-1', [resent], 'no_stream');

      expect(result).toEqual({ nextExpectedRevision: 0, position: 1_000n });
      expect(client.reads.at(-1)).toEqual({ streamId: 's-1', direction: 'backwards', fromRevision: 0n, maxCount: 1 });
    });

    it('refuses to report success when the event stored at that revision is not the one sent', async () => {
      await store.append('s-1', [noted(0)], 'no_stream');
      const [written] = await adapter.readStream('s-1');
      const other = { ...written!, metadata: { ...written!.metadata, hash: 'f'.repeat(64) } };
      client.nextAnswer = { success: true, nextExpectedRevision: 0n, position: undefined };

      await expect(adapter.append('s-1', [other], 'no_stream')).rejects.toThrow(/stored there is not the one sent/);
    });
  });

  describe('when a caller chooses an event id', () => {
    it('refuses it before anything reaches the server, so no retry can meet an earlier payload', async () => {
      await store.append('s-1', [noted(0)], 'no_stream');
      const [written] = await store.readStream('s-1');
      const reused = { ...noted(1), id: written!.id } as NewEvent;

      await expect(store.append('s-2', [reused], 'no_stream')).rejects.toThrow(/assigned by the store/);
      expect(client.appendCalls).toBe(1);
    });
  });
});
