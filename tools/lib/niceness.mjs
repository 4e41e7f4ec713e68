// Process priorities for the launcher (npm start) and bench:e2e. On a machine that runs out of CPU (an alert storm
// on a small box) not every service keeps up, and niceness chooses which ones fall behind. By default the relay and
// the lifecycle services (triage, escalation, remediation, review) yield: intake, the query service and the console
// keep their latency (alerts accepted, the dashboard's row current) and pages come later. Nothing is lost: the
// services follow Kafka and the store from checkpoints and catch up once the storm passes. <NAME>_NICENESS (0-19)
// overrides one app's, e.g. ESCALATION_NICENESS=0. With CPU to spare, niceness changes nothing. The README's
// "When CPU runs short" and bench:e2e's figures show the trade.
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Who yields by default, and why each: the relay only feeds the lifecycle services (the dashboard's projections
 * follow the store), and the lifecycle services are where a storm's CPU goes: at 100 new incidents/s they and the
 * relay used about 9 ms of CPU per incident, intake and query about 3 (bench:e2e, beside PostgreSQL's 8).
 */
export const DEFAULT_NICENESS = Object.freeze({ relay: 19, triage: 19, escalation: 19, remediation: 19, review: 19 });

/** The launcher's override of a service's niceness, e.g. TRIAGE_NICENESS. */
export function nicenessVariable(name) {
  return `${name.toUpperCase()}_NICENESS`;
}

/**
 * The service's niceness: <NAME>_NICENESS when set, else its DEFAULT_NICENESS (0 for the apps not listed there).
 * Throws, naming the variable, when it is bad.
 */
export function nicenessOf(name, env = process.env) {
  const variable = nicenessVariable(name);
  const raw = env[variable]?.trim();
  if (raw === undefined || raw === '') return Object.hasOwn(DEFAULT_NICENESS, name) ? DEFAULT_NICENESS[name] : 0;
  // Only 0-19: lowering below 0 needs privileges the launcher should not ask for.
  if (!/^\d{1,2}$/.test(raw) || Number(raw) > 19) {
    throw new Error(`${variable} must be a whole number from 0 (first) to 19 (last), got "${raw}"`);
  }
  return Number(raw);
}

/** The process's threads on Linux (/proc/<pid>/task), none elsewhere. */
function threadsOf(pid) {
  try {
    return readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    return [];
  }
}

/**
 * Gives a just-started process its niceness. Returns why it could not (a sandbox that refuses setpriority), so
 * the caller can warn: the service still runs, only without the priority.
 */
export function applyNiceness(pid, niceness) {
  if (niceness === 0) return undefined;
  try {
    // Linux keeps a niceness per thread and a new thread takes its creator's: the main thread first, so that
    // every thread Node starts from now on inherits it, then any it started already.
    setPriority(pid, niceness);
    for (const thread of threadsOf(pid)) if (thread !== pid) setPriority(thread, niceness);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
