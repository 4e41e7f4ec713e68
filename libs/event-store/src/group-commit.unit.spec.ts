import { GroupCommit, type Settled } from './group-commit';

/** A writer whose batches stay in flight until the test lets them finish. */
function heldWriter() {
  const batches: number[][] = [];
  const finish: (() => void)[] = [];
  const write = (items: readonly number[]) => {
    batches.push([...items]);
    return new Promise<Settled<string>[]>((resolve) =>
      finish.push(() =>
        resolve(items.map((item) => (item < 0 ? { error: new Error(`bad ${item}`) } : { value: `ok ${item}` }))),
      ),
    );
  };
  return { batches, finish, write };
}

const settled = <T>(promise: Promise<T>) =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error: (error as Error).message }),
  );

/** Two turns of the event loop: a finished batch's successor goes out one turn after it settled (afterBatch). */
const tick = async () => {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
};

describe('GroupCommit', () => {
  describe('when nothing is in flight', () => {
    it('writes what is submitted in one tick as one batch, at once', async () => {
      const writer = heldWriter();
      const commits = new GroupCommit(writer.write, { maxInFlight: 1, maxBatch: 10 });
      const results = [1, 2, 3].map((item) => commits.submit(item));
      await tick();
      expect(writer.batches).toEqual([[1, 2, 3]]);
      writer.finish[0]!();
      await expect(Promise.all(results)).resolves.toEqual(['ok 1', 'ok 2', 'ok 3']);
    });
  });

  describe('when every slot is in flight', () => {
    it('queues what arrives and writes it together as the next batch, up to maxBatch', async () => {
      const writer = heldWriter();
      const commits = new GroupCommit(writer.write, { maxInFlight: 1, maxBatch: 3 });
      const first = commits.submit(1);
      await tick();
      const later = [2, 3, 4, 5].map((item) => commits.submit(item));
      await tick();
      expect(writer.batches).toEqual([[1]]);
      writer.finish[0]!();
      await first;
      await tick();
      expect(writer.batches).toEqual([[1], [2, 3, 4]]);
      writer.finish[1]!();
      await tick();
      expect(writer.batches).toEqual([[1], [2, 3, 4], [5]]);
      writer.finish[2]!();
      await expect(Promise.all(later)).resolves.toEqual(['ok 2', 'ok 3', 'ok 4', 'ok 5']);
    });

    it('takes into the next batch what a caller submits as soon as its previous item settled', async () => {
      // Intake's lane per alert group: the group's next alert goes once the previous append is done. Without the
      // wait for it, the next batch left with the queue alone and the follow-up waited a whole batch more.
      const writer = heldWriter();
      const commits = new GroupCommit(writer.write, { maxInFlight: 1, maxBatch: 10 });
      const first = commits.submit(1);
      await tick();
      const queued = commits.submit(2);
      // Several awaits between the settling and the next submit, as intake's path has (lane, router, store).
      const followUp = first.then(async () => {
        for (let hop = 0; hop < 10; hop += 1) await Promise.resolve();
        return commits.submit(3);
      });
      writer.finish[0]!();
      await tick();
      expect(writer.batches).toEqual([[1], [2, 3]]);
      writer.finish[1]!();
      await expect(Promise.all([queued, followUp])).resolves.toEqual(['ok 2', 'ok 3']);
    });
  });

  describe('with gatherMs, after a large batch', () => {
    const range = (from: number, count: number) => Array.from({ length: count }, (_, index) => from + index);

    /** A batch of 16 in flight and 2 queued behind it: what the tiny cohort of a storm looks like. */
    async function largeThenTiny(gatherMs: number) {
      const writer = heldWriter();
      const commits = new GroupCommit(writer.write, { maxInFlight: 1, maxBatch: 100, gatherMs });
      const large = range(1, 16).map((item) => commits.submit(item));
      await tick();
      const tiny = [101, 102].map((item) => commits.submit(item));
      writer.finish[0]!();
      await Promise.all(large);
      await tick();
      return { writer, commits, tiny };
    }

    it('holds a tiny queue back until half as many as the large batch have joined it', async () => {
      const { writer, commits, tiny } = await largeThenTiny(1000);
      expect(writer.batches).toHaveLength(1);
      const back = range(1, 5).map((item) => commits.submit(200 + item));
      await tick();
      expect(writer.batches).toHaveLength(1); // 7 queued: fewer than 8
      back.push(commits.submit(206));
      await tick();
      expect(writer.batches[1]).toEqual([101, 102, 201, 202, 203, 204, 205, 206]);
      writer.finish[1]!();
      await expect(Promise.all([...tiny, ...back])).resolves.toHaveLength(8);
    });

    it('lets it go after gatherMs even if no one else comes', async () => {
      const { writer, tiny } = await largeThenTiny(5);
      expect(writer.batches).toHaveLength(1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(writer.batches[1]).toEqual([101, 102]);
      writer.finish[1]!();
      await expect(Promise.all(tiny)).resolves.toEqual(['ok 101', 'ok 102']);
    });

    it('does not hold back a queue a quarter as large as the batch or more, nor without gatherMs', async () => {
      const writer = heldWriter();
      const commits = new GroupCommit(writer.write, { maxInFlight: 1, maxBatch: 100, gatherMs: 1000 });
      const large = range(1, 16).map((item) => commits.submit(item));
      await tick();
      const quarter = range(101, 4).map((item) => commits.submit(item));
      writer.finish[0]!();
      await Promise.all(large);
      await tick();
      expect(writer.batches[1]).toEqual([101, 102, 103, 104]);
      writer.finish[1]!();
      await Promise.all(quarter);

      const { writer: ungathered } = await largeThenTiny(0);
      expect(ungathered.batches[1]).toEqual([101, 102]);
    });

    it('sends an item at once when it arrives at rest, however large the last batch was', async () => {
      const writer = heldWriter();
      const commits = new GroupCommit(writer.write, { maxInFlight: 1, maxBatch: 100, gatherMs: 1000 });
      const large = range(1, 16).map((item) => commits.submit(item));
      await tick();
      writer.finish[0]!();
      await Promise.all(large);
      await tick();
      const alone = commits.submit(99);
      await tick();
      expect(writer.batches[1]).toEqual([99]);
      writer.finish[1]!();
      await expect(alone).resolves.toBe('ok 99');
    });
  });

  it('settles each item on its own: one failure rejects only that item', async () => {
    const writer = heldWriter();
    const commits = new GroupCommit(writer.write, { maxInFlight: 1, maxBatch: 10 });
    const results = [1, -2, 3].map((item) => settled(commits.submit(item)));
    await tick();
    writer.finish[0]!();
    await expect(Promise.all(results)).resolves.toEqual([{ value: 'ok 1' }, { error: 'bad -2' }, { value: 'ok 3' }]);
  });

  it('fails every item of a batch whose write throws, and goes on with the next batch', async () => {
    let calls = 0;
    const commits = new GroupCommit<number, string>(
      async (items) => {
        calls += 1;
        if (calls === 1) throw new Error('connection lost');
        return items.map((item) => ({ value: `ok ${item}` }));
      },
      { maxInFlight: 1, maxBatch: 10 },
    );
    const failed = [1, 2].map((item) => settled(commits.submit(item)));
    await expect(Promise.all(failed)).resolves.toEqual([{ error: 'connection lost' }, { error: 'connection lost' }]);
    await expect(commits.submit(3)).resolves.toBe('ok 3');
  });
});
