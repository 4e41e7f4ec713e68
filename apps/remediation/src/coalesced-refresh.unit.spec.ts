import { coalescedRefresh } from './coalesced-refresh';

/** A read whose calls are counted and which finishes only when told to. */
function controlledRead() {
  const pending: (() => void)[] = [];
  const read = jest.fn(() => new Promise<void>((resolve) => pending.push(resolve)));
  const finishNext = async () => {
    pending.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { read, finishNext };
}

describe('coalescedRefresh', () => {
  describe('when nothing is being read', () => {
    it('reads at once', async () => {
      const { read, finishNext } = controlledRead();
      const refresh = coalescedRefresh(read);
      const done = refresh();
      expect(read).toHaveBeenCalledTimes(1);
      await finishNext();
      await expect(done).resolves.toBeUndefined();
    });
  });

  describe('when a read is under way', () => {
    it('gives every caller arriving meanwhile one read that starts after the running one', async () => {
      const { read, finishNext } = controlledRead();
      const refresh = coalescedRefresh(read);
      const first = refresh();
      const later = [refresh(), refresh(), refresh()];
      expect(read).toHaveBeenCalledTimes(1);
      await finishNext(); // the first read ends: the shared second one starts only now
      await first;
      expect(read).toHaveBeenCalledTimes(2);
      await finishNext();
      await Promise.all(later);
      expect(read).toHaveBeenCalledTimes(2);
    });

    it('lets the callers of a failed read see its error, and the ones queued behind it read again', async () => {
      const read = jest
        .fn<Promise<void>, []>()
        .mockRejectedValueOnce(new Error('store unreachable'))
        .mockResolvedValue(undefined);
      const refresh = coalescedRefresh(read);
      const first = refresh();
      const queued = refresh();
      await expect(first).rejects.toThrow('store unreachable');
      await expect(queued).resolves.toBeUndefined();
      expect(read).toHaveBeenCalledTimes(2);
    });
  });
});
