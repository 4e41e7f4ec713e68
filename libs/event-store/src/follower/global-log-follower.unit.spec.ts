import type { RecordedEvent } from '../envelope';
import type { ReadAllOptions } from '../event-store.port';
import {
  GlobalLogFollower,
  type FollowerFailure,
  type GlobalLogFollowerOptions,
  type LogPage,
} from './global-log-follower';
import { WakeUp } from './wake-up';

/** A global log in memory whose checkpoints are the events' positions; reads can be made to fail. */
class FakeLog {
  readonly events: RecordedEvent[] = [];
  readonly reads: (string | undefined)[] = [];
  failNextReads = 0;

  append(count: number): void {
    for (let i = 0; i < count; i++) {
      const position = this.events.length + 1;
      this.events.push({
        id: `e${position}`,
        globalPosition: BigInt(position),
        checkpoint: String(position),
      } as RecordedEvent);
    }
  }

  readAll = async ({ after, maxCount }: ReadAllOptions): Promise<RecordedEvent[]> => {
    this.reads.push(after);
    if (this.failNextReads > 0) {
      this.failNextReads--;
      throw new Error('store unreachable');
    }
    return this.events.filter((event) => Number(event.checkpoint) > Number(after ?? 0)).slice(0, maxCount);
  };
}

/** Readers whose checkpoints are kept in a map, moved by `handle` as a durable store would be. */
function readers(log: FakeLog, names: readonly string[], overrides: Partial<GlobalLogFollowerOptions> = {}) {
  const checkpoints = new Map<string, string | undefined>();
  const handled: string[] = [];
  const failures: FollowerFailure[] = [];
  const follower = new GlobalLogFollower({
    store: log,
    readers: names,
    batchSize: 2,
    idlePollMs: 60_000,
    backoff: { initialMs: 1, maxMs: 4 },
    positions: async () => checkpoints,
    handle: async (reader: string, page: LogPage) => {
      handled.push(`${reader} ${page.from ?? '-'}→${page.events.map((e) => e.id).join(',')}`);
      checkpoints.set(reader, page.events.at(-1)!.checkpoint);
    },
    onError: (failure) => void failures.push(failure),
    ...overrides,
  });
  return { follower, checkpoints, handled, failures };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}

describe('GlobalLogFollower', () => {
  it('pages through the log from the start, reading ahead while a full page is handled', async () => {
    const log = new FakeLog();
    log.append(5);
    const { follower, handled } = readers(log, ['relay']);
    await follower.catchUp();
    expect(handled).toEqual(['relay -→e1,e2', 'relay 2→e3,e4', 'relay 4→e5']);
    // One read per page plus the empty one that ends the catch-up: every read-ahead was used.
    expect(log.reads).toEqual([undefined, '2', '4', '5']);
  });

  it('resumes each reader from its own checkpoint, sharing a read between readers at the same one', async () => {
    const log = new FakeLog();
    log.append(4);
    const firstPages = new Map<string, LogPage>();
    const state = readers(log, ['a', 'b', 'c'], {
      handle: async (reader, page) => {
        if (!firstPages.has(reader)) firstPages.set(reader, page);
        state.handled.push(`${reader} ${page.from ?? '-'}→${page.events.map((e) => e.id).join(',')}`);
        state.checkpoints.set(reader, page.events.at(-1)!.checkpoint);
      },
    });
    state.checkpoints.set('a', '2');
    state.checkpoints.set('b', '2');
    await state.follower.catchUp();
    expect(state.handled.filter((h) => h.startsWith('c'))).toEqual(['c -→e1,e2', 'c 2→e3,e4']);
    expect(state.handled.filter((h) => !h.startsWith('c'))).toEqual(['a 2→e3,e4', 'b 2→e3,e4']);
    // a and b were handed the one page read for both of them.
    expect(firstPages.get('a')).toBe(firstPages.get('b'));
    expect(firstPages.get('c')).not.toBe(firstPages.get('a'));
  });

  it('when caught up, waits for the wake-up and reads what was appended', async () => {
    const log = new FakeLog();
    log.append(1);
    const wakeUp = new WakeUp();
    const { follower, handled } = readers(log, ['relay'], { wakeUp });
    const stop = new AbortController();
    const following = follower.follow(stop.signal);
    await until(() => handled.length === 1);
    log.append(1);
    wakeUp.ring(); // the poll interval is a minute: only the ring can bring e2 within the test's timeout
    await until(() => handled.length === 2);
    stop.abort();
    await following;
    expect(handled).toEqual(['relay -→e1', 'relay 1→e2']);
  });

  it('re-reads soon after a ring that found nothing, as when a committed event is still hidden', async () => {
    const log = new FakeLog();
    log.append(1);
    const wakeUp = new WakeUp();
    const { follower, handled } = readers(log, ['relay'], { wakeUp });
    const stop = new AbortController();
    const following = follower.follow(stop.signal);
    await until(() => handled.length === 1);
    wakeUp.ring(); // rung, but the read finds nothing yet (an older transaction hides the event)
    await until(() => log.reads.length === 2);
    log.append(1); // the older transaction ended without a ring of its own; the poll interval is a minute
    await until(() => handled.length === 2);
    stop.abort();
    await following;
    expect(handled).toEqual(['relay -→e1', 'relay 1→e2']);
  });

  it('re-reads soon while the store reports hidden events, even when the read after the ring found some', async () => {
    const log = new FakeLog();
    log.append(1);
    const wakeUp = new WakeUp();
    let hidden = 0;
    const { follower, handled } = readers(log, ['relay'], { wakeUp, hiddenEvents: async () => hidden });
    const stop = new AbortController();
    const following = follower.follow(stop.signal);
    await until(() => handled.length === 1);
    // Rung for e2 and e3; e2 is visible, e3 is committed but hidden behind an older transaction still running.
    log.append(1);
    hidden = 1;
    wakeUp.ring();
    await until(() => handled.length === 2);
    // That transaction ends without a ring of its own; the poll interval is a minute.
    log.append(1);
    hidden = 0;
    await until(() => handled.length === 3);
    stop.abort();
    await following;
    expect(handled).toEqual(['relay -→e1', 'relay 1→e2', 'relay 2→e3']);
  });

  it('backs off a reader whose page failed and gives it the same page again, while the others carry on', async () => {
    const log = new FakeLog();
    log.append(3);
    let attempts = 0;
    const state = readers(log, ['flaky', 'steady'], {
      handle: async (reader, page) => {
        if (reader === 'flaky' && attempts++ < 2) throw new Error(`bug on ${page.events[0]!.id}`);
        state.handled.push(`${reader} ${page.from ?? '-'}→${page.events.map((e) => e.id).join(',')}`);
        state.checkpoints.set(reader, page.events.at(-1)!.checkpoint);
      },
    });
    const stop = new AbortController();
    const following = state.follower.follow(stop.signal);
    await until(() => state.checkpoints.get('flaky') === '3');
    stop.abort();
    await following;
    expect(state.failures.map(({ reader, failures, retryInMs }) => ({ reader, failures, retryInMs }))).toEqual([
      { reader: 'flaky', failures: 1, retryInMs: 1 },
      { reader: 'flaky', failures: 2, retryInMs: 2 },
    ]);
    expect(state.handled.filter((h) => h.startsWith('flaky'))).toEqual(['flaky -→e1,e2', 'flaky 2→e3']);
    expect(state.handled.filter((h) => h.startsWith('steady'))).toEqual(['steady -→e1,e2', 'steady 2→e3']);
  });

  it('backs off when the log cannot be read, then goes on from the same checkpoint', async () => {
    const log = new FakeLog();
    log.append(2);
    log.failNextReads = 3;
    const { follower, handled, failures } = readers(log, ['relay']);
    const stop = new AbortController();
    const following = follower.follow(stop.signal);
    await until(() => handled.length === 1);
    stop.abort();
    await following;
    expect(failures.map(({ reader, failures: n, retryInMs }) => [reader, n, retryInMs])).toEqual([
      [undefined, 1, 1],
      [undefined, 2, 2],
      [undefined, 3, 4],
    ]);
    expect(handled).toEqual(['relay -→e1,e2']);
  });

  it('on stop, finishes the page in hand and reads no further', async () => {
    const log = new FakeLog();
    log.append(6);
    const stop = new AbortController();
    const state = readers(log, ['relay'], {
      handle: async (reader, page) => {
        if (page.from === '2') stop.abort();
        state.handled.push(`${reader} ${page.from ?? '-'}→${page.events.map((e) => e.id).join(',')}`);
        state.checkpoints.set(reader, page.events.at(-1)!.checkpoint);
      },
    });
    await state.follower.follow(stop.signal);
    expect(state.handled).toEqual(['relay -→e1,e2', 'relay 2→e3,e4']);
    expect(state.checkpoints.get('relay')).toBe('4');
  });

  it('ends with the error when onError rethrows it; catchUp throws the first failure', async () => {
    const log = new FakeLog();
    log.append(1);
    const failing = (onError?: GlobalLogFollowerOptions['onError']) =>
      readers(log, ['reader'], {
        handle: async () => {
          throw new Error('handler failed');
        },
        ...(onError ? { onError } : {}),
      }).follower;
    const rethrow = failing(({ error }) => {
      throw error;
    });
    await expect(rethrow.follow(new AbortController().signal)).rejects.toThrow('handler failed');
    await expect(failing().catchUp()).rejects.toThrow('handler failed');
  });
});
