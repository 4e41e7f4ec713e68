import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { ConfigReader, type TriageRuleSet, type TriageRulesSummary, TriageRuleVersions } from '@incident/directory';
import { EVENT_STORE, type HashChainedEventStore } from '@incident/event-store';
import { BackgroundLoops, PINO_LOGGER, PLATFORM_CONFIG, type PlatformConfig } from '@incident/platform';

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * The triage rule set in force, as the directory's reader holds the directory: loaded before the app serves,
 * then the `triage-rules` stream's head is polled every DIRECTORY_POLL_MS and a new version loaded when it moved.
 * A version takes effect within one poll interval; every decision records the version it was made with.
 */
@Injectable()
export class TriageRuleSetSource implements OnModuleInit {
  readonly versions: TriageRuleVersions;
  private readonly reader: ConfigReader<TriageRuleSet, TriageRulesSummary>;

  constructor(
    @Inject(EVENT_STORE) store: HashChainedEventStore,
    @Inject(BackgroundLoops) private readonly loops: BackgroundLoops,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    @Inject(PLATFORM_CONFIG) private readonly config: Pick<PlatformConfig, 'directoryPollMs'>,
  ) {
    this.versions = new TriageRuleVersions(store);
    this.reader = new ConfigReader(store, this.versions);
  }

  /** The rule set in force; undefined before any version was applied (the rules then leave every incident). */
  current(): TriageRuleSet | undefined {
    return this.reader.current()?.value;
  }

  async refresh(): Promise<boolean> {
    return this.reader.refresh();
  }

  async onModuleInit(): Promise<void> {
    await this.reader.refresh();
    this.loops.register({
      name: 'triage-rules-reload',
      run: async (signal) => {
        while (!signal.aborted) {
          await sleep(this.config.directoryPollMs, signal);
          if (signal.aborted) break;
          try {
            if (await this.reader.refresh()) {
              this.logger.info({ version: this.reader.current()?.version.version }, 'triage rule set loaded');
            }
          } catch (error) {
            // A store hiccup keeps the version held: the next poll tries again.
            this.logger.warn({ err: error }, 'triage rule set reload failed');
          }
        }
      },
    });
  }
}
