import { randomUUID } from 'node:crypto';
import type { NewEvent, PreparedEvent } from '../envelope';

/** A small event as a service would append it. */
export const note = (n: number): NewEvent => ({
  type: 'NoteAdded',
  data: { n },
  metadata: { occurredAt: '2026-11-22T04:00:00.000Z', actor: { kind: 'system', id: 'test' }, correlationId: 'c' },
});

/**
 * `note(n)` as the adapter receives it. The adapter stores what it is given; chaining is HashChainedEventStore's
 * job, so any hashes do here.
 */
export const prepared = (n: number, id: string = randomUUID()): PreparedEvent => ({
  id,
  type: 'NoteAdded',
  schemaVersion: 1,
  data: { n },
  metadata: {
    ...note(n).metadata,
    causationId: null,
    recordedAt: '2026-11-22T04:00:01.000Z',
    prevHash: '-',
    hash: '-',
  },
});

/** How a promise settled, as a value to compare: `{ value }` or `{ error }`. */
export const outcome = (promise: Promise<unknown>): Promise<{ value: unknown } | { error: unknown }> =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
