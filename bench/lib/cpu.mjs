// CPU time spent by a server and by the PostgreSQL backends serving its database, read from /proc (Linux).
// Throughput on a machine shared with other work swings with the load; CPU time per request does much less,
// so the benchmarks print both.
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime/stime (USER_HZ, 100 on every Linux this runs on). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) `pid` has used so far; 0 once it has gone. */
export const processSeconds = (pid) => ticksOf(pid) / TICKS_PER_SECOND;

function ticksOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (in parentheses, which may contain spaces): utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0; // the process has gone
  }
}

/** PostgreSQL backends connected to `database` (their title is `postgres: <user> <database> <client> …`). */
function backendsOf(database) {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres: ') && title.split(' ')[2] === database) pids.push(entry);
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

/** The first process whose command line contains `text` (e.g. the Kafka broker's `kafka.Kafka`), if any. */
export function findProcess(text) {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) return entry;
    } catch {
      // gone, or not ours to read
    }
  }
  return undefined;
}

/**
 * A snapshot of the CPU seconds used so far by `pids` and by `database`'s backends; `.since(earlier)` gives
 * { server, postgres } seconds between two snapshots (backends that came and went meanwhile are missed).
 */
export function cpuSnapshot(pids, database) {
  const server = pids.reduce((sum, pid) => sum + ticksOf(pid), 0) / TICKS_PER_SECOND;
  const backends = new Map(backendsOf(database).map((pid) => [pid, ticksOf(pid) / TICKS_PER_SECOND]));
  return {
    server,
    backends,
    since(earlier) {
      let postgres = 0;
      for (const [pid, seconds] of backends) postgres += seconds - (earlier.backends.get(pid) ?? 0);
      return { server: server - earlier.server, postgres };
    },
  };
}
