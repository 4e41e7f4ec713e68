import type { ReadAllOptions, RecordedEvent } from '@incident/event-store';
import { runRelayLoop, type PagePublisher } from './relay-loop';
import { WakeUp } from '@incident/event-store';

/** A global log of `count` events whose checkpoints are their positions. */
function fakeStore(count: number) {
  const log = Array.from(
    { length: count },
    (_, index) =>
      ({ id: `e${index + 1}`, globalPosition: BigInt(index + 1), checkpoint: String(index + 1) }) as RecordedEvent,
  );
  return {
    readAll: async ({ after, maxCount }: ReadAllOptions) =>
      log.filter((e) => Number(e.checkpoint) > Number(after ?? 0)).slice(0, maxCount),
  };
}

function harness(count: number, publish: PagePublisher['publish'], saveFailures = 0) {
  const steps: string[] = [];
  const stop = new AbortController();
  const lost = new AbortController();
  const signals = { stop: stop.signal, lost: lost.signal, halt: AbortSignal.any([stop.signal, lost.signal]) };
  const options = {
    store: fakeStore(count),
    publisher: {
      publish: async (events: readonly RecordedEvent[], signal: AbortSignal) => {
        const acknowledged = await publish(events, signal);
        steps.push(`${acknowledged ? 'ack' : 'gave up'} ${events.map((e) => e.id).join(',')}`);
        return acknowledged;
      },
    },
    checkpoints: {
      save: async (checkpoint: string, position: bigint) => {
        if (saveFailures-- > 0) {
          steps.push(`save ${checkpoint} failed`);
          throw new Error('checkpoint write failed');
        }
        steps.push(`save ${checkpoint}@${position}`);
      },
    },
    batchSize: 2,
    idlePollMs: 5,
    wakeUp: new WakeUp(),
    metrics: { published: (n: number) => void steps.push(`count ${n}`) },
  };
  return {
    steps,
    stop,
    lost,
    run: (after?: string) => runRelayLoop(options, { checkpoint: after, publishedPosition: 0n }, signals),
  };
}

describe('the relay loop', () => {
  it('publishes page by page from the checkpoint, moving the checkpoint only after each acknowledgement', async () => {
    const { steps, stop, run } = harness(5, async (events) => {
      if (events.some((e) => e.id === 'e5')) setTimeout(() => stop.abort(), 20);
      return true;
    });
    await run('1');
    expect(steps).toEqual(['ack e2,e3', 'count 2', 'save 3@3', 'ack e4,e5', 'count 2', 'save 5@5']);
  });

  it('writes no checkpoint for a page acknowledged after the lock was lost, and stops', async () => {
    const { steps, lost, run } = harness(6, async (events) => {
      if (events[0]!.id === 'e3') lost.abort();
      return true;
    });
    await run();
    expect(steps).toEqual(['ack e1,e2', 'count 2', 'save 2@2', 'ack e3,e4', 'count 2']);
  });

  it('on shutdown records the page that was in flight once it is acknowledged, then stops', async () => {
    const { steps, stop, run } = harness(6, async (events) => {
      if (events[0]!.id === 'e1') stop.abort();
      return true;
    });
    await run();
    expect(steps).toEqual(['ack e1,e2', 'count 2', 'save 2@2']);
  });

  it('leaves the checkpoint alone when publishing gives up', async () => {
    const { steps, stop, run } = harness(4, async () => {
      stop.abort();
      return false;
    });
    await run();
    expect(steps).toEqual(['gave up e1,e2']);
  });

  it('publishes the page again when its checkpoint could not be recorded, and records it then', async () => {
    const { steps, stop, run } = harness(2, async () => true, 1);
    const running = run();
    while (!steps.includes('save 2@2')) await new Promise((resolve) => setTimeout(resolve, 5));
    stop.abort();
    await running;
    expect(steps).toEqual(['ack e1,e2', 'count 2', 'save 2 failed', 'ack e1,e2', 'count 2', 'save 2@2']);
  });
});
