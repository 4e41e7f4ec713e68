/**
 * A PostgreSQL checkpoint: the (transaction id, global position) of the last event read, as "xid:position".
 * It is the very key the global reader orders by, so resuming after it neither skips nor repeats.
 */
export function formatCheckpoint(transactionId: bigint, position: bigint): string {
  return `${transactionId}:${position}`;
}

export function parseCheckpoint(checkpoint: string | undefined): { transactionId: bigint; position: bigint } {
  if (checkpoint === undefined) return { transactionId: 0n, position: 0n };
  const [, transactionId, position] = /^(\d+):(\d+)$/.exec(checkpoint) ?? [];
  if (transactionId === undefined || position === undefined) {
    throw new Error(`not a PostgreSQL event store checkpoint: "${checkpoint}"`);
  }
  return { transactionId: BigInt(transactionId), position: BigInt(position) };
}
