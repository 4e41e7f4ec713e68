import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  PolledConfigSource,
  type ReviewPolicy,
  type ReviewPolicySummary,
  ReviewPolicyVersions,
} from '@incident/directory';
import { EVENT_STORE, type HashChainedEventStore } from '@incident/event-store';
import { BackgroundLoops, PINO_LOGGER, PLATFORM_CONFIG, type PlatformConfig } from '@incident/platform';

/**
 * The review policy in force (stream `review-policy`): loaded before the app serves, then reloaded every
 * DIRECTORY_POLL_MS. Before any version was applied `current()` is undefined and resolutions wait for one;
 * every decision records the version it was made with.
 */
@Injectable()
export class ReviewPolicySource extends PolledConfigSource<ReviewPolicy, ReviewPolicySummary> {
  declare readonly versions: ReviewPolicyVersions;

  constructor(
    @Inject(EVENT_STORE) store: HashChainedEventStore,
    @Inject(BackgroundLoops) loops: BackgroundLoops,
    @Inject(PINO_LOGGER) logger: Logger,
    @Inject(PLATFORM_CONFIG) config: Pick<PlatformConfig, 'directoryPollMs'>,
  ) {
    super(store, new ReviewPolicyVersions(store), 'review policy', loops, logger, config.directoryPollMs);
  }
}
