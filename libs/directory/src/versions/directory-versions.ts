import type { EventStore } from '@incident/event-store';
import type { Directory } from '../directory';
import { parseDirectory } from '../parse-directory';
import { type ConfigApplyOutcome, type ConfigKind, type ConfigVersion, ConfigVersions } from './config-versions';
import { DIRECTORY_STREAM, type DirectorySummary, summarize } from './directory-version-applied';

export type { ApplyContext } from './config-versions';

/** A version as recorded: what was applied, by whom, and when the platform recorded it (the moment it took force). */
export type DirectoryVersion = ConfigVersion<DirectorySummary>;

export type ApplyOutcome = ConfigApplyOutcome<DirectorySummary>;

export const DIRECTORY_KIND: ConfigKind<Directory, DirectorySummary> = {
  stream: DIRECTORY_STREAM,
  eventType: 'DirectoryVersionApplied',
  command: 'ApplyDirectory',
  parse: (text, fileName) => {
    const parsed = parseDirectory(text, fileName);
    return 'errors' in parsed ? parsed : { value: parsed.directory };
  },
  summarize,
};

/** The directory stream over the event store: apply a file, the version in force now or at a past moment. */
export class DirectoryVersions extends ConfigVersions<Directory, DirectorySummary> {
  constructor(store: EventStore) {
    super(store, DIRECTORY_KIND);
  }
}

/** The parsed directory of a recorded version (it was valid when applied). */
export function directoryOf(version: DirectoryVersion): Directory {
  const parsed = parseDirectory(version.yaml, version.fileName);
  if ('errors' in parsed) {
    throw new Error(`directory version ${version.version} no longer validates: ${parsed.errors[0]?.message}`);
  }
  return parsed.directory;
}
