import type { EventStore } from '@incident/event-store';
import { hiddenEvents } from '@incident/event-store/testing';
import type { DataSource } from 'typeorm';
import { eventLogHead } from '../projection/event-log-head';
import type { ProjectionRunner } from '../projection/projection-runner';
import { projectionStatus } from '../projection/projection-status';
import { PROJECTIONS } from '../projections';

/**
 * Polls until every projection has read the whole log, or fails after `timeoutMs`. "Behind 0" counts only the
 * events a reader can see; while any older transaction in the cluster is open (parallel suites), committed
 * events stay hidden, so it also waits until none is hidden: every stored event is visible to readers.
 */
export async function waitUntilCaughtUp(dataSource: DataSource, store: EventStore, timeoutMs = 60_000): Promise<void> {
  const head = eventLogHead(store);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await projectionStatus(dataSource, head, PROJECTIONS);
    const hidden = await hiddenEvents(store);
    if (hidden === 0 && status.every((projection) => projection.behind === 0)) return;
    if (Date.now() > deadline)
      throw new Error(`not caught up: ${JSON.stringify(status.map((s) => [s.name, s.behind]))}, ${hidden} hidden`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Runs `runner` until it has applied the whole log, hidden events included: catchUp() alone returns at the
 * first empty page, which may only mean that another session's older transaction hides the rest for now.
 */
export async function catchUpCompletely(
  runner: Pick<ProjectionRunner, 'catchUp'>,
  store: EventStore,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await runner.catchUp();
    const hidden = await hiddenEvents(store);
    if (hidden === 0) {
      await runner.catchUp(); // what became visible between the last read and the count
      return;
    }
    if (Date.now() > deadline) throw new Error(`${hidden} events still hidden after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
