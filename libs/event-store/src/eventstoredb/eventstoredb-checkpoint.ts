/** A position in EventStoreDB's transaction log, as the client reports it. */
export interface EventStoreDbPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

const MAX_POSITION = 0xffff_ffff_ffff_ffffn;

/**
 * An EventStoreDB checkpoint: the full log position of the last event read, as "commit:prepare". The commit
 * position alone is the global position, but the server takes both to resume, so both are kept.
 */
export function formatEventStoreDbCheckpoint(position: EventStoreDbPosition): string {
  return `${position.commit}:${position.prepare}`;
}

export function parseEventStoreDbCheckpoint(checkpoint: string): EventStoreDbPosition {
  // Canonical digits only, so that one position has exactly one checkpoint string.
  if (/^(0|[1-9]\d*):(0|[1-9]\d*)$/.test(checkpoint)) {
    const [commit, prepare] = checkpoint.split(':').map(BigInt) as [bigint, bigint];
    if (commit <= MAX_POSITION && prepare <= MAX_POSITION) return { commit, prepare };
  }
  throw new Error(`not an EventStoreDB event store checkpoint: "${checkpoint}"`);
}

/** Orders log positions as the server does: by commit position, then prepare position. */
export function compareEventStoreDbPositions(a: EventStoreDbPosition, b: EventStoreDbPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
