import { type EventStore, StreamNotFound } from '@incident/event-store';
import type { Directory } from './directory';
import { DIRECTORY_STREAM } from './versions/directory-version-applied';
import { directoryOf, type DirectoryVersion, DirectoryVersions } from './versions/directory-versions';

export interface CurrentDirectory {
  readonly version: DirectoryVersion;
  readonly directory: Directory;
}

/**
 * The version in force, held in memory for services that consult the directory on every event. `refresh()` looks
 * at the directory stream's head (one event, read backwards) and loads a version only when the head moved, so
 * polling it every few seconds costs one indexed read. Polling rather than following the global log: the stream
 * changes a few times a month, and a reload late by a poll interval changes nothing that matters.
 */
export class DirectoryReader {
  private held: CurrentDirectory | undefined;
  private readonly versions: DirectoryVersions;

  constructor(private readonly store: EventStore) {
    this.versions = new DirectoryVersions(store);
  }

  /** The version read last; undefined before one is applied (or before the first refresh). */
  current(): CurrentDirectory | undefined {
    return this.held;
  }

  /** Reloads when a new version was applied; true when it changed what current() returns. */
  async refresh(): Promise<boolean> {
    const head = await this.headRevision();
    if (head === undefined || head === this.held?.version.revision) return false;
    const version = await this.versions.versionAt();
    if (!version) return false;
    this.held = { version, directory: directoryOf(version) };
    return true;
  }

  private async headRevision(): Promise<number | undefined> {
    try {
      const [last] = await this.store.readStream(DIRECTORY_STREAM, { direction: 'backwards', maxCount: 1 });
      return last?.streamRevision;
    } catch (error) {
      if (error instanceof StreamNotFound) return undefined;
      throw error;
    }
  }
}
