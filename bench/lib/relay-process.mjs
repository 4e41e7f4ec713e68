import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawnBuilt } from './service-process.mjs';

/** The relay as it runs in production: its own process, `node apps/relay/dist/main.js`. */
export async function startRelay(env) {
  const relay = await spawnBuilt('relay', { AUTH_JWT_SECRET: randomBytes(32).toString('hex'), ...env });
  const valueIn = (text, name) => {
    const match = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
    return match ? Number(match[1]) : Number.NaN;
  };
  const scrape = async () => (await fetch(`${relay.base}/metrics`)).text();
  const metric = async (name) => valueIn(await scrape(), name);
  /** Several values from one scrape (the event-loop lag figures are reset by each scrape). */
  const metrics = async (names) => {
    const text = await scrape();
    return Object.fromEntries(names.map((name) => [name, valueIn(text, name)]));
  };
  for (const deadline = Date.now() + 30_000; ; await sleep(100)) {
    if (relay.child.exitCode !== null) throw new Error(`the relay exited (${relay.child.exitCode}):\n${relay.logs()}`);
    if (Date.now() > deadline) throw new Error(`the relay did not take its lock within 30 s:\n${relay.logs()}`);
    if ((await metric('relay_active').catch(() => 0)) === 1) break;
  }
  return {
    metric,
    metrics,
    /** SIGTERM: the graceful path. */
    stop: relay.stop,
  };
}
