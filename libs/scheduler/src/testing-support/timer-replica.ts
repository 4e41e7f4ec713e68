/**
 * One scheduler replica as its own process, for scheduler.e2e.spec.ts (built to
 * dist/testing-support/timer-replica.js by tsconfig.testing-support.json). Its handler acts as a service's would:
 * one command through the IncidentCommandHandler with causationId = the timer key, a status update that the
 * domain allows any number of times, so only the handler's idempotency by cause keeps a re-fire from posting
 * it twice. Every attempt is recorded in `scheduler_e2e.fire_attempt` with its outcome (`appended`, or
 * `duplicate` when an earlier firing's events were found), so the test can see re-fires; after the effect the
 * handler pauses (EFFECT_PAUSE_MS), widening the window in which a SIGKILL leaves a timer whose effect
 * happened but whose firing was never recorded.
 *
 * Prints `ready <metrics port>` once firing; SIGTERM stops it gracefully.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { Registry } from 'prom-client';
import { createEventStore, IncidentCommandHandler } from '@incident/event-store';
// Relative, as the lint rule wants within a project: dist/testing-support/ sits beside dist/index.js as src/ does.
import { Scheduler } from '../scheduler';

function setting(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
}

async function main(): Promise<void> {
  const databaseUrl = setting('DATABASE_URL');
  const replicaId = setting('REPLICA_ID');
  const concurrency = Number(setting('CONCURRENCY', '16'));
  const pauseMs = Number(setting('EFFECT_PAUSE_MS', '0'));
  const pool = new Pool({ connectionString: databaseUrl, max: concurrency + 4 });
  const store = await createEventStore({ databaseUrl });
  const registry = new Registry();
  const commands = new IncidentCommandHandler(store);
  const scheduler = new Scheduler<{ incidentId: string }>({
    queue: setting('QUEUE'),
    pool,
    registry,
    replicaId,
    concurrency,
    leaseMs: Number(setting('LEASE_MS', '2000')),
    pollIntervalMs: Number(setting('POLL_MS', '500')),
    backlogRefreshMs: 200,
  });

  scheduler.onFire(async (timer) => {
    const attempt = await pool.query<{ id: string }>(
      'INSERT INTO scheduler_e2e.fire_attempt (key, replica, attempt) VALUES ($1, $2, $3) RETURNING id',
      [timer.key, replicaId, timer.attempt],
    );
    const outcome = await commands.execute(
      {
        type: 'PostStatusUpdate',
        data: {
          incidentId: timer.payload.incidentId,
          audience: 'internal',
          message: `timer ${timer.key} fired`,
          postedBy: 'scheduler-e2e',
          postedAt: timer.dueAt.toISOString(),
        },
      },
      { actor: { kind: 'system', id: replicaId }, correlationId: timer.key, causationId: timer.key },
    );
    await pool.query('UPDATE scheduler_e2e.fire_attempt SET outcome = $2 WHERE id = $1', [
      attempt.rows[0]?.id,
      outcome.duplicate ? 'duplicate' : 'appended',
    ]);
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  });

  const server = createServer((request, response) => {
    void registry.metrics().then((text) => response.writeHead(200, { 'content-type': 'text/plain' }).end(text));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await scheduler.start();
  process.stdout.write(`ready ${(server.address() as AddressInfo).port}\n`);

  process.once('SIGTERM', () => {
    void (async () => {
      await scheduler.stop(10_000);
      await store.close();
      await pool.end();
      server.close();
      process.exit(0);
    })();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`timer replica failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
