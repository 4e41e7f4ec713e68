import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawnBuilt } from './service-process.mjs';

/** Triage as it runs in production: its own process, `node apps/triage/dist/main.js`, once it reports ready. */
export async function startTriage(env) {
  const triage = await spawnBuilt('triage', { AUTH_JWT_SECRET: randomBytes(32).toString('hex'), ...env });
  for (const deadline = Date.now() + 60_000; ; await sleep(200)) {
    if (triage.child.exitCode !== null) throw new Error(`triage exited (${triage.child.exitCode}):\n${triage.logs()}`);
    if (Date.now() > deadline) throw new Error(`triage was not ready within 60 s:\n${triage.logs()}`);
    const ready = await fetch(`${triage.base}/health/ready`).catch(() => undefined);
    if (ready?.ok) break;
  }
  return { logs: triage.logs, stop: triage.stop };
}
