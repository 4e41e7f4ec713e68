import {
  type Actor,
  type EventStore,
  type RecordedEvent,
  StreamNotFound,
  WrongExpectedRevision,
} from '@incident/event-store';
import type { Directory } from '../directory';
import { type DirectoryError, parseDirectory } from '../parse-directory';
import { DIRECTORY_STREAM, type DirectoryVersionApplied, sha256Of, summarize } from './directory-version-applied';

/** A version as recorded: what was applied, by whom, and when the platform recorded it (the moment it took force). */
export interface DirectoryVersion {
  readonly version: number;
  readonly sha256: string;
  readonly fileName: string;
  readonly summary: DirectoryVersionApplied['data']['summary'];
  readonly yaml: string;
  readonly appliedAt: string;
  readonly appliedBy: Actor;
  /** The stream revision: a reader that has seen it has seen this version. */
  readonly revision: number;
}

export type ApplyOutcome =
  | { readonly applied: true; readonly version: DirectoryVersion }
  /** The file's sha256 equals the version in force: nothing was appended. */
  | { readonly applied: false; readonly version: DirectoryVersion }
  | { readonly errors: readonly DirectoryError[] };

export interface ApplyContext {
  readonly actor: Actor;
  readonly correlationId: string;
  /** The edge's clock: the store stamps recordedAt itself, this is the applier's own time. */
  readonly occurredAt: string;
}

type VersionEvent = RecordedEvent<'DirectoryVersionApplied', DirectoryVersionApplied['data']>;

const toVersion = (event: VersionEvent): DirectoryVersion => ({
  ...event.data,
  appliedAt: event.metadata.recordedAt,
  appliedBy: event.metadata.actor,
  revision: event.streamRevision,
});

/** The directory stream over the event store: apply a file, the version in force now or at a past moment. */
export class DirectoryVersions {
  constructor(private readonly store: EventStore) {}

  async history(): Promise<DirectoryVersion[]> {
    try {
      const events = await this.store.readStream(DIRECTORY_STREAM);
      return events.filter((e): e is VersionEvent => e.type === 'DirectoryVersionApplied').map(toVersion);
    } catch (error) {
      if (error instanceof StreamNotFound) return [];
      throw error;
    }
  }

  /** The version in force at `at` (by recorded time), or now; undefined before the first one. */
  async versionAt(at?: Date): Promise<DirectoryVersion | undefined> {
    const versions = await this.history();
    if (!at) return versions.at(-1);
    return versions.filter((v) => new Date(v.appliedAt) <= at).at(-1);
  }

  /**
   * Validates and records `text` as the next version, unless it is byte for byte the version in force. Two
   * appliers racing: the loser re-reads and compares again, so the same file applied twice still makes one version.
   */
  async apply(text: string, fileName: string, context: ApplyContext): Promise<ApplyOutcome> {
    const parsed = parseDirectory(text, fileName);
    if ('errors' in parsed) return parsed;
    const sha256 = sha256Of(text);
    for (let attempt = 1; ; attempt++) {
      const current = await this.versionAt();
      if (current?.sha256 === sha256) return { applied: false, version: current };
      const event: DirectoryVersionApplied = {
        type: 'DirectoryVersionApplied',
        data: {
          version: (current?.version ?? 0) + 1,
          sha256,
          fileName,
          summary: summarize(parsed.directory),
          yaml: text,
        },
      };
      try {
        await this.store.append(
          DIRECTORY_STREAM,
          [{ ...event, metadata: { ...context, causationId: null, command: 'ApplyDirectory' } }],
          current ? current.revision : 'no_stream',
        );
        const applied = await this.versionAt();
        if (!applied) throw new Error('the directory version just applied cannot be read back');
        return { applied: true, version: applied };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision) || attempt >= 5) throw error;
      }
    }
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
