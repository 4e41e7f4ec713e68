import { Inject, Injectable } from '@nestjs/common';
import { ConfigReader, type RunbookSet, type RunbooksSummary, RunbookVersions } from '@incident/directory';
import { EVENT_STORE, type HashChainedEventStore } from '@incident/event-store';
import { coalescedRefresh } from './coalesced-refresh';
import type { Executor } from './executors/executor';
import { createExecutors } from './executors/executors';
import { REMEDIATION_CONFIG, type RemediationConfig } from './remediation.config';

export interface RunbooksInForce {
  readonly set: RunbookSet;
  readonly executors: ReadonlyMap<string, Executor>;
}

/**
 * The runbook file in force. Read on use rather than polled: a plan is made once per triaged incident, and the
 * head of the `runbooks` stream is one backwards read of one event, so a new version counts from the very next
 * incident. Executors are rebuilt only when the version moves.
 */
@Injectable()
export class RunbookSetSource {
  readonly versions: RunbookVersions;
  private readonly reader: ConfigReader<RunbookSet, RunbooksSummary>;
  private held: { revision: number; inForce: RunbooksInForce } | undefined;
  private readonly refresh: () => Promise<void>;

  constructor(
    @Inject(EVENT_STORE) store: HashChainedEventStore,
    @Inject(REMEDIATION_CONFIG) private readonly config: RemediationConfig,
  ) {
    this.versions = new RunbookVersions(store);
    this.reader = new ConfigReader(store, this.versions);
    const reader = this.reader;
    this.refresh = coalescedRefresh(() => reader.refresh());
  }

  /** Undefined before any runbook file was applied: the service then proposes nothing. */
  async current(): Promise<RunbooksInForce | undefined> {
    await this.refresh();
    const current = this.reader.current();
    if (current === undefined) return undefined;
    if (this.held?.revision !== current.version.revision) {
      const executors = createExecutors(current.value, this.config.executorSecret, this.config.executorCallbackUrl);
      this.held = { revision: current.version.revision, inForce: { set: current.value, executors } };
    }
    return this.held.inForce;
  }
}
