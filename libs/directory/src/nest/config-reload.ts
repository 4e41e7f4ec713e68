import type { OnModuleInit } from '@nestjs/common';
import type { EventStore } from '@incident/event-store';
import type { BackgroundLoops } from '@incident/platform';
import type { Logger } from 'pino';
import { ConfigReader } from '../versions/config-reader';
import type { ConfigVersions } from '../versions/config-versions';

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

/**
 * A service's view of one kind of config kept as code (the triage rule set, the review policy): the version in
 * force, loaded before the app serves, then reloaded every DIRECTORY_POLL_MS. Subclasses only inject.
 */
export abstract class PolledConfigSource<T, Summary> implements OnModuleInit {
  private readonly reader: ConfigReader<T, Summary>;

  protected constructor(
    store: EventStore,
    readonly versions: ConfigVersions<T, Summary>,
    private readonly label: string,
    private readonly loops: BackgroundLoops,
    private readonly logger: Logger,
    private readonly pollMs: number,
  ) {
    this.reader = new ConfigReader(store, versions);
  }

  /** The version in force; undefined before any version was applied. */
  current(): T | undefined {
    return this.reader.current()?.value;
  }

  async refresh(): Promise<boolean> {
    return this.reader.refresh();
  }

  async onModuleInit(): Promise<void> {
    await this.reader.refresh();
    registerConfigReload(this.loops, this.logger, { label: this.label, reader: this.reader, pollMs: this.pollMs });
  }
}
