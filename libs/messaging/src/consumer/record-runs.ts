import type { PoolClient } from 'pg';
import type { RecordedEvent } from '@incident/event-store';
import { appliedBefore, claimEvents } from './applied-events';
import type { ConsumedRecord } from './record-processor';
import type { IncidentEventHandler } from './incident-event-handler';

/** Streams of a run applied at once (each stream's records still strictly in order). */
const STREAMS_AT_ONCE = 16;

/**
 * A run that failed and was rolled back: `failed` is the record whose handler threw (none when the claim or
 * the COMMIT failed), `connectionBroken` that the rollback failed too (do not reuse the connection).
 */
export class RunFailed extends Error {
  override readonly name = 'RunFailed';
  constructor(
    override readonly cause: unknown,
    readonly failed: RunRecord | undefined,
    readonly connectionBroken: boolean,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** A write a handler asked to have done last (IncidentEventContext.writeLast). */
export type LastWrite = (tx: PoolClient) => Promise<unknown>;

/** One record of a run, parsed and upcast; `handled` false: no handler wants it (skipped, no claim). */
export interface RunRecord {
  readonly record: ConsumedRecord;
  readonly event: RecordedEvent;
  readonly handled: boolean;
}

/**
 * Applies a run of first-delivery records of one partition in ONE transaction: the ones applied before found
 * in one read, the handlers called in stream order (inStreamOrder), the rest claimed in one statement, one
 * COMMIT. Under load every record otherwise costs its own BEGIN, claim and synchronously committed COMMIT (a WAL
 * flush) even when its handler writes nothing, which is what most of a service's records are; at a trickle a
 * run is one record and nothing changes. Resolves with the ids applied, lower case (the others were applied before: duplicates).
 * Throws after rolling back if anything fails: nothing of the run is then recorded, and the caller takes its
 * records one at a time, each with its own attempts and dead letter; a handler that ran before the failure runs
 * again then, which is the redelivery every handler is written for (its effects carry the event as cause or key).
 */
export async function applyRun(
  tx: PoolClient,
  groupId: string,
  handler: IncidentEventHandler,
  run: readonly RunRecord[],
): Promise<ReadonlySet<string>> {
  let failed: RunRecord | undefined;
  await tx.query('BEGIN');
  try {
    const wanted = run.filter((item) => item.handled);
    const before = await appliedBefore(
      tx,
      groupId,
      wanted.map((item) => item.event),
    );
    const applied = new Set<string>();
    const streams = new Map<string, RunRecord[]>();
    for (const item of wanted) {
      // An event delivered twice within the run is applied once.
      const id = item.event.id.toLowerCase();
      if (before.has(id) || applied.has(id)) continue;
      applied.add(id);
      const stream = streams.get(item.event.streamId);
      if (stream) stream.push(item);
      else streams.set(item.event.streamId, [item]);
    }
    const shared = serialized(tx);
    const last: LastWrite[] = [];
    const writeLast = (work: LastWrite) => void last.push(work);
    await inStreamOrder([...streams.values()], async (item) => {
      const { topic, partition, message, heartbeat } = item.record;
      try {
        await handler(item.event, {
          tx: shared,
          groupId,
          topic,
          partition,
          offset: message.offset,
          attempt: 1,
          heartbeat,
          writeLast,
        });
      } catch (error) {
        failed ??= item;
        throw error;
      }
      // A rebalance it reports is not this record's failure: the batch's own heartbeat after the run says it
      // again, once the run's work has committed (a new owner's claims wait for that commit, then skip).
      await heartbeat().catch(() => undefined);
    });
    // Every handler has settled: the writes they left for last go now, in the order asked, then the claim.
    for (const work of last) await work(tx);
    // Claimed last, as RecordProcessor.apply does (why: there). One claimed meanwhile by another member (after
    // a rebalance) fails the run: taken one at a time, each record then finds its claim and is skipped.
    const toClaim = [...streams.values()].flat().map((item) => item.event);
    const claimed = await claimEvents(tx, groupId, toClaim);
    if (claimed.size < toClaim.length) throw new Error('events of the run were applied meanwhile by another member');
    await tx.query('COMMIT');
    return applied;
  } catch (error) {
    const rolledBack = await tx.query('ROLLBACK').then(
      () => true,
      () => false,
    );
    throw new RunFailed(error, failed, !rolledBack);
  }
}

/**
 * Each stream's records in order, up to STREAMS_AT_ONCE streams at a time. A handler's cost is mostly waiting
 * for the store (read, append, its commit), so records of one partition taken strictly one after another cap a
 * service at a few records per partition per append latency; different incidents share a partition only by
 * hashing, their relative order is nobody's promise, and the store commits appends that arrive together as
 * one. Every handler has settled before this returns or throws, so none still uses `tx` after a ROLLBACK.
 */
async function inStreamOrder(
  streams: readonly (readonly RunRecord[])[],
  apply: (item: RunRecord) => Promise<void>,
): Promise<void> {
  const queue = [...streams].reverse();
  const worker = async () => {
    for (let stream = queue.pop(); stream; stream = queue.pop()) {
      for (const item of stream) await apply(item);
    }
  };
  const workers = Array.from({ length: Math.min(STREAMS_AT_ONCE, streams.length) }, worker);
  const failed = (await Promise.allSettled(workers)).find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * The run's connection for handlers running at once: their statements queued one after another (a pg client
 * runs one query at a time, and pg 9 refuses a query sent while another is under way).
 */
function serialized(tx: PoolClient): PoolClient {
  let last: Promise<unknown> = Promise.resolve();
  const shared = Object.create(tx) as PoolClient;
  shared.query = ((...args: Parameters<PoolClient['query']>) => {
    const result = last.then(
      () => (tx.query as (...a: unknown[]) => Promise<unknown>)(...args),
      () => (tx.query as (...a: unknown[]) => Promise<unknown>)(...args),
    );
    last = result.catch(() => undefined);
    return result;
  }) as PoolClient['query'];
  return shared;
}
