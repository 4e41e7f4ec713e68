import { RecentlyUsed } from './recently-used';

/** A stream's last event as far as chaining needs it: its revision and its hash. */
export interface ChainTail {
  readonly revision: number;
  readonly hash: string;
}

/**
 * The hash of the newest event this process has seen per stream, so that an append at a known revision need
 * not read the stream's tail first (one round trip fewer on every append).
 *
 * Never stale in a way that matters: an event at a revision never changes, so "revision r of stream s has hash
 * h" stays true forever. An append that expects revision r chains onto that hash; if another writer has moved
 * the stream past r meanwhile, the store refuses the append for its expected revision, as it would have anyway.
 * Bounded: the least recently used streams are forgotten first (approximately: RecentlyUsed).
 */
export class TailCache {
  private readonly tails: RecentlyUsed<ChainTail>;

  constructor(capacity = 10_000) {
    this.tails = new RecentlyUsed(capacity);
  }

  /** The hash of `revision` of the stream, when that is what this process last saw of it. */
  hashAt(streamId: string, revision: number): string | undefined {
    const tail = this.tails.get(streamId);
    return tail?.revision === revision ? tail.hash : undefined;
  }

  remember(streamId: string, tail: ChainTail): void {
    const known = this.tails.get(streamId);
    if (known && known.revision > tail.revision) return;
    this.tails.set(streamId, tail);
  }
}
