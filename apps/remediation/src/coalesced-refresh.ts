/**
 * A refresh shared by the callers that ask for it at once: handlers of one consumer run (up to 16 incidents
 * at a time) each asked for the head of the runbook and directory streams, one read apiece. A caller still never
 * gets a read that began before it asked (a version applied just before must count, "from the very next
 * incident"): while one read runs, every caller arriving meanwhile shares the one read that starts after it.
 * So N callers at once cost at most two reads.
 */
export function coalescedRefresh(read: () => Promise<unknown>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  const start = (): Promise<void> => {
    const current = read()
      .then(() => undefined)
      .finally(() => {
        if (running === current) running = undefined;
      });
    running = current;
    return current;
  };
  return () => {
    if (running === undefined) return start();
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return start();
      });
    return queued;
  };
}
