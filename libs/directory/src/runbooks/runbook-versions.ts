import type { EventStore } from '@incident/event-store';
import {
  type ConfigApplyOutcome,
  type ConfigKind,
  type ConfigVersion,
  NumberedConfigVersions,
} from '../versions/config-versions';
import { parseRunbooks } from './parse-runbooks';
import type { RunbookSet } from './runbook-set';

/** The one stream every applied runbook file lives in (as `directory` and `triage-rules` hold theirs). */
export const RUNBOOKS_STREAM = 'runbooks';

export interface RunbooksSummary {
  readonly runbooks: number;
  readonly executors: number;
}

/** `RunbookSetApplied`: `{ version, sha256, fileName, summary, yaml }`, like DirectoryVersionApplied. */
export type RunbookSetVersion = ConfigVersion<RunbooksSummary>;
export type RunbooksApplyOutcome = ConfigApplyOutcome<RunbooksSummary>;

export const RUNBOOKS_KIND: ConfigKind<RunbookSet, RunbooksSummary> = {
  stream: RUNBOOKS_STREAM,
  eventType: 'RunbookSetApplied',
  command: 'ApplyRunbooks',
  parse: (text, fileName) => {
    const parsed = parseRunbooks(text, fileName);
    return 'errors' in parsed ? parsed : { value: parsed.runbookSet };
  },
  summarize: (set) => ({ runbooks: set.runbooks.length, executors: Object.keys(set.executors).length }),
};

/** Runbook files over the event store: apply a file, the version in force now or at a past moment. */
export class RunbookVersions extends NumberedConfigVersions<RunbookSet, RunbooksSummary> {
  constructor(store: EventStore) {
    super(store, RUNBOOKS_KIND);
  }
}
