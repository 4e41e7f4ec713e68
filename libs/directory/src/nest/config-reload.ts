import type { BackgroundLoops } from '@incident/platform';
import type { Logger } from 'pino';

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** What a reader of config kept as code offers: reload when its stream's head moved, and the version held. */
export interface ReloadableConfig {
  refresh(): Promise<boolean>;
  current(): { readonly version: { readonly version: number } } | undefined;
}

/**
 * Polls `reader` every `pollMs` as a background loop of the app (the directory, the triage rules, the review
 * policy: each takes effect within one poll interval). A store hiccup keeps the version held and warns; the
 * next poll tries again. The caller loads the first version itself, before the app serves.
 */
export function registerConfigReload(
  loops: BackgroundLoops,
  logger: Logger,
  { label, reader, pollMs }: { label: string; reader: ReloadableConfig; pollMs: number },
): void {
  loops.register({
    name: `${label.replaceAll(' ', '-')}-reload`,
    run: async (signal) => {
      while (!signal.aborted) {
        await sleep(pollMs, signal);
        if (signal.aborted) break;
        try {
          if (await reader.refresh()) logger.info({ version: reader.current()?.version.version }, `${label} loaded`);
        } catch (error) {
          logger.warn({ err: error }, `${label} reload failed`);
        }
      }
    },
  });
}
