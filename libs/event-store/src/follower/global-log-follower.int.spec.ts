import { describeWithInfrastructure } from '@incident/testing';
import { postgresFactory, type AdapterUnderTest } from '../contract/adapters';
import type { NewEvent } from '../envelope';
import { HashChainedEventStore } from '../event-store';
import { GlobalLogFollower, type LogPage } from './global-log-follower';

const note = (n: number): NewEvent => ({
  type: 'NoteAdded',
  data: { n },
  metadata: { occurredAt: '2026-12-03T10:00:00.000Z', actor: { kind: 'system', id: 'test' }, correlationId: 'c' },
});

/** Far longer than the test may take: only the store's NOTIFY can wake the follower in time. */
const A_MINUTE = 60_000;

describeWithInfrastructure(['postgres'], 'GlobalLogFollower on the PostgreSQL store', () => {
  let underTest: AdapterUnderTest;
  let store: HashChainedEventStore;

  beforeAll(async () => {
    underTest = await postgresFactory.create();
    store = new HashChainedEventStore(underTest.adapter);
  });
  afterAll(() => underTest?.dispose());

  /** A follower of `store` for one reader whose checkpoint lives in memory; counts its reads of the log. */
  function follow(idlePollMs: number) {
    let checkpoint: string | undefined;
    const pages: LogPage[] = [];
    const counted = { reads: 0 };
    const wakeUp = store.wakeUp();
    const follower = new GlobalLogFollower({
      store: { readAll: (options) => (counted.reads++, store.readAll(options)) },
      readers: ['test'],
      batchSize: 2,
      idlePollMs,
      wakeUp,
      positions: async () => new Map([['test', checkpoint]]),
      handle: async (_reader, page) => {
        pages.push(page);
        checkpoint = page.events.at(-1)!.checkpoint;
      },
    });
    const stop = new AbortController();
    const following = follower.follow(stop.signal);
    const handled = () => pages.flatMap((page) => page.events.map((event) => event.data));
    return {
      pages,
      counted,
      handled,
      until: async (done: () => boolean) => {
        while (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
      },
      stop: async () => {
        stop.abort();
        await following;
        await wakeUp.close();
      },
    };
  }

  it('pages through a backlog, then follows new appends, each page read after the last one handled', async () => {
    await store.append('incident-a', [note(0), note(1), note(2), note(3), note(4)], 'no_stream');
    const following = follow(50);
    await following.until(() => following.handled().length === 5);
    await store.append('incident-a', [note(5)], 4);
    await following.until(() => following.handled().length === 6);
    await store.append('incident-b', [note(6), note(7), note(8)], 'no_stream');
    await following.until(() => following.handled().length === 9);
    await following.stop();

    expect(following.handled()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ n })));
    expect(following.pages.map((page) => page.events.length)).toEqual([2, 2, 1, 1, 2, 1]);
    const { pages } = following;
    expect(pages.slice(1).map((page) => page.from)).toEqual(
      pages.slice(0, -1).map((page) => page.events.at(-1)!.checkpoint),
    );
  });

  it('is woken by the NOTIFY of the store when caught up, long before its poll interval', async () => {
    const following = follow(A_MINUTE);
    // Caught up with the first test's events, then asleep (setting up LISTEN costs one more read first).
    await following.until(() => following.handled().length === 9);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const asleep = following.counted.reads;
    await store.append('incident-c', [note(9)], 'no_stream');
    // Only a notification can bring another read within the test's timeout. (The event itself may stay hidden
    // a while behind another suite's open transaction, so the read, not the event, is what is awaited.)
    await following.until(() => following.counted.reads > asleep);
    await following.stop();
    expect(following.counted.reads).toBeGreaterThan(asleep);
  });
});
