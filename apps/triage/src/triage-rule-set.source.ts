import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  ConfigReader,
  registerConfigReload,
  type TriageRuleSet,
  type TriageRulesSummary,
  TriageRuleVersions,
} from '@incident/directory';
import { EVENT_STORE, type HashChainedEventStore } from '@incident/event-store';
import { BackgroundLoops, PINO_LOGGER, PLATFORM_CONFIG, type PlatformConfig } from '@incident/platform';

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
    registerConfigReload(this.loops, this.logger, {
      label: 'triage rule set',
      reader: this.reader,
      pollMs: this.config.directoryPollMs,
    });
  }
}
