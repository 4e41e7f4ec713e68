import { type EventStore, StreamNotFound } from '@incident/event-store';
import type { ConfigVersion, ConfigVersions } from './config-versions';

export interface CurrentConfig<T, Summary> {
  readonly version: ConfigVersion<Summary>;
  readonly value: T;
}

/**
 * The version of a config kind in force, held in memory for services that consult it on every event. `refresh()`
 * reads the stream's head (one event, backwards) and loads a version only when the head moved: as DirectoryReader.
 */
export class ConfigReader<T, Summary> {
  private held: CurrentConfig<T, Summary> | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly versions: ConfigVersions<T, Summary>,
    private readonly valueOf: (version: ConfigVersion<Summary>) => T = (version) => versions.valueOf(version),
  ) {}

  current(): CurrentConfig<T, Summary> | undefined {
    return this.held;
  }

  /** Reloads when a new version was applied; true when it changed what current() returns. */
  async refresh(): Promise<boolean> {
    const head = await this.headRevision();
    if (head === undefined || head === this.held?.version.revision) return false;
    const version = await this.versions.versionAt();
    if (!version) return false;
    this.held = { version, value: this.valueOf(version) };
    return true;
  }

  private async headRevision(): Promise<number | undefined> {
    try {
      const [last] = await this.store.readStream(this.versions.kind.stream, { direction: 'backwards', maxCount: 1 });
      return last?.streamRevision;
    } catch (error) {
      if (error instanceof StreamNotFound) return undefined;
      throw error;
    }
  }
}
