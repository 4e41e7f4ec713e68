// The garbage collector's pauses in this process while something is measured: a latency tail that lines up
// with them is the client's heap, not PostgreSQL or the network.
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

const KINDS = [
  [constants.NODE_PERFORMANCE_GC_MINOR, 'scavenge'],
  [constants.NODE_PERFORMANCE_GC_MAJOR, 'mark-compact'],
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL, 'incremental marking step'],
];

/** Starts collecting; `stop()` resolves to a line such as "12 scavenges (max 1.2 ms), no mark-compacts, …". */
export function gcPauses() {
  const entries = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  return {
    async stop() {
      await nextTurn(); // entries are delivered asynchronously
      observer.disconnect();
      return KINDS.map(([kind, name]) => {
        const pauses = entries.filter((entry) => entry.detail?.kind === kind).map((entry) => entry.duration);
        if (pauses.length === 0) return `no ${name}s`;
        return `${pauses.length} ${name}${pauses.length === 1 ? '' : 's'} (max ${Math.max(...pauses).toFixed(1)} ms)`;
      }).join(', ');
    },
  };
}
