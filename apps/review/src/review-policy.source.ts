import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  ConfigReader,
  registerConfigReload,
  type ReviewPolicy,
  type ReviewPolicySummary,
  ReviewPolicyVersions,
} from '@incident/directory';
import { EVENT_STORE, type HashChainedEventStore } from '@incident/event-store';
import { BackgroundLoops, PINO_LOGGER, PLATFORM_CONFIG, type PlatformConfig } from '@incident/platform';

/**
 * The review policy in force, as the directory's reader holds the directory: loaded before the app serves,
 * then the `review-policy` stream's head is polled every DIRECTORY_POLL_MS and a new version loaded when it moved.
 * A version takes effect within one poll interval; every decision records the version it was made with.
 */
@Injectable()
export class ReviewPolicySource implements OnModuleInit {
  readonly versions: ReviewPolicyVersions;
  private readonly reader: ConfigReader<ReviewPolicy, ReviewPolicySummary>;

  constructor(
    @Inject(EVENT_STORE) store: HashChainedEventStore,
    @Inject(BackgroundLoops) private readonly loops: BackgroundLoops,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    @Inject(PLATFORM_CONFIG) private readonly config: Pick<PlatformConfig, 'directoryPollMs'>,
  ) {
    this.versions = new ReviewPolicyVersions(store);
    this.reader = new ConfigReader(store, this.versions);
  }

  /** The rule set in force; undefined before any version was applied (resolutions then wait for one). */
  current(): ReviewPolicy | undefined {
    return this.reader.current()?.value;
  }

  async refresh(): Promise<boolean> {
    return this.reader.refresh();
  }

  async onModuleInit(): Promise<void> {
    await this.reader.refresh();
    registerConfigReload(this.loops, this.logger, {
      label: 'review policy',
      reader: this.reader,
      pollMs: this.config.directoryPollMs,
    });
  }
}
