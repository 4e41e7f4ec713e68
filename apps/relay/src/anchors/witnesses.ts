import { appendFile } from 'node:fs/promises';
import { pause, type Anchor } from '@incident/event-store';
import type { Logger } from 'pino';

/** Somewhere besides `audit.anchors` that keeps a copy of every anchor: the fewer parties can rewrite them all, the better. */
export interface Witness {
  readonly name: string;
  record(anchor: Anchor): Promise<void>;
}

/** An append-only file, one anchor per JSON line: on storage the database administrators do not control, ideally. */
export function fileWitness(path: string): Witness {
  return { name: `file ${path}`, record: (anchor) => appendFile(path, `${JSON.stringify(anchor)}\n`, { mode: 0o640 }) };
}

/** POSTs each anchor as JSON; anything but a 2xx is a failure. The witness should accept a repeat of the same anchor. */
export function httpWitness(url: string, timeoutMs = 5_000): Witness {
  return {
    name: `HTTP ${new URL(url).origin}`,
    record: async (anchor) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(anchor),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`answered ${response.status}`);
    },
  };
}

/**
 * Hands an anchor to every witness, each tried three times. A witness that still fails is logged and skipped:
 * the anchor is already on `audit.anchors`, and holding the chain back for a witness would leave streams
 * unanchored for longer, which helps nobody.
 */
export async function tellWitnesses(
  witnesses: readonly Witness[],
  anchor: Anchor,
  logger: Logger,
  signal: AbortSignal,
) {
  await Promise.all(
    witnesses.map(async (witness) => {
      for (let attempt = 1; ; attempt++) {
        try {
          await witness.record(anchor);
          return;
        } catch (error) {
          if (attempt >= 3 || signal.aborted) {
            logger.error(
              { err: error, witness: witness.name, sequence: anchor.sequence },
              'anchorer: a witness missed an anchor',
            );
            return;
          }
          await pause(200 * 2 ** attempt, signal);
        }
      }
    }),
  );
}
