import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  PolledConfigSource,
  type TriageRuleSet,
  type TriageRulesSummary,
  TriageRuleVersions,
} from '@incident/directory';
import { EVENT_STORE, type HashChainedEventStore } from '@incident/event-store';
import { BackgroundLoops, PINO_LOGGER, PLATFORM_CONFIG, type PlatformConfig } from '@incident/platform';

/**
 * The triage rule set in force (stream `triage-rules`): loaded before the app serves, then reloaded every
 * DIRECTORY_POLL_MS. Before any version was applied `current()` is undefined and the rules leave every incident
 * for a person; every decision records the version it was made with.
 */
@Injectable()
export class TriageRuleSetSource extends PolledConfigSource<TriageRuleSet, TriageRulesSummary> {
  declare readonly versions: TriageRuleVersions;

  constructor(
    @Inject(EVENT_STORE) store: HashChainedEventStore,
    @Inject(BackgroundLoops) loops: BackgroundLoops,
    @Inject(PINO_LOGGER) logger: Logger,
    @Inject(PLATFORM_CONFIG) config: Pick<PlatformConfig, 'directoryPollMs'>,
  ) {
    super(store, new TriageRuleVersions(store), 'triage rule set', loops, logger, config.directoryPollMs);
  }
}
