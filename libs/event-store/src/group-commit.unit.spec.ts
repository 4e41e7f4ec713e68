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

const tick = () => new Promise((resolve) => setImmediate(resolve));

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
