import type { Directory } from '../../directory';

/** A directory version and the moment it came into force (its `recordedAt`). */
export interface DirectoryInForce {
  readonly since: number;
  readonly directory: Directory;
}

/**
 * The directory in force at `at` (epoch ms), from versions sorted by `since`: the last one applied at or before
 * it, undefined before the first. A binary search, since a what-if asks once per incident.
 */
export function directoryAt(versions: readonly DirectoryInForce[], at: number): Directory | undefined {
  let low = 0;
  let high = versions.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((versions[middle]?.since ?? Infinity) <= at) low = middle + 1;
    else high = middle;
  }
  return versions[low - 1]?.directory;
}
