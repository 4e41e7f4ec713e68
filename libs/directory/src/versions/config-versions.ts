import { createHash } from 'node:crypto';
import {
  type Actor,
  type EventStore,
  type RecordedEvent,
  StreamNotFound,
  WrongExpectedRevision,
} from '@incident/event-store';
import type { ConfigError } from '../yaml-config';

/**
 * What an applied version of a config-as-code file records (the directory, triage rules). The whole YAML text
 * travels in the event (a few kilobytes), so any version can be restored byte for byte and its sha256 checked
 * against the file an operator holds.
 */
export interface ConfigVersionData<Summary> {
  readonly version: number;
  readonly sha256: string;
  readonly fileName: string;
  readonly summary: Summary;
  readonly yaml: string;
}

/** A version as recorded: what was applied, by whom, and when the platform recorded it (the moment it took force). */
export interface ConfigVersion<Summary> extends ConfigVersionData<Summary> {
  readonly appliedAt: string;
  readonly appliedBy: Actor;
  /** The stream revision: a reader that has seen it has seen this version. */
  readonly revision: number;
}

export type ConfigApplyOutcome<Summary> =
  | { readonly applied: true; readonly version: ConfigVersion<Summary> }
  /** The file's sha256 equals the version in force: nothing was appended. */
  | { readonly applied: false; readonly version: ConfigVersion<Summary> }
  | { readonly errors: readonly ConfigError[] };

export interface ApplyContext {
  readonly actor: Actor;
  readonly correlationId: string;
  /** The edge's clock: the store stamps recordedAt itself, this is the applier's own time. */
  readonly occurredAt: string;
}

/** One kind of config file: the stream its versions live in, its event and command names, how it parses. */
export interface ConfigKind<T, Summary> {
  readonly stream: string;
  readonly eventType: string;
  readonly command: string;
  parse(text: string, fileName: string): { readonly value: T } | { readonly errors: readonly ConfigError[] };
  summarize(value: T): Summary;
}

export const sha256Of = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

type VersionEvent<Summary> = RecordedEvent<string, ConfigVersionData<Summary>>;

/** A config kind's stream over the event store: apply a file, the version in force now or at a past moment. */
export class ConfigVersions<T, Summary> {
  constructor(
    protected readonly store: EventStore,
    readonly kind: ConfigKind<T, Summary>,
  ) {}

  async history(): Promise<ConfigVersion<Summary>[]> {
    try {
      const events = await this.store.readStream(this.kind.stream);
      return events
        .filter((e): e is VersionEvent<Summary> => e.type === this.kind.eventType)
        .map((event) => ({
          ...event.data,
          appliedAt: event.metadata.recordedAt,
          appliedBy: event.metadata.actor,
          revision: event.streamRevision,
        }));
    } catch (error) {
      if (error instanceof StreamNotFound) return [];
      throw error;
    }
  }

  /** The version in force at `at` (by recorded time), or now; undefined before the first one. */
  async versionAt(at?: Date): Promise<ConfigVersion<Summary> | undefined> {
    const versions = await this.history();
    if (!at) return versions.at(-1);
    return versions.filter((v) => new Date(v.appliedAt) <= at).at(-1);
  }

  /** The parsed value of a recorded version (it was valid when applied). */
  valueOf(version: ConfigVersion<Summary>): T {
    const parsed = this.kind.parse(version.yaml, version.fileName);
    if ('errors' in parsed) {
      throw new Error(
        `${this.kind.stream} version ${version.version} no longer validates: ${parsed.errors[0]?.message}`,
      );
    }
    return parsed.value;
  }

  /**
   * Validates and records `text` as the next version, unless it is byte for byte the version in force. Two
   * appliers racing: the loser re-reads and compares again, so the same file applied twice still makes one version.
   * Re-applying an older file after a newer one is a new version: that is a rollback.
   */
  async apply(text: string, fileName: string, context: ApplyContext): Promise<ConfigApplyOutcome<Summary>> {
    const parsed = this.kind.parse(text, fileName);
    if ('errors' in parsed) return parsed;
    const sha256 = sha256Of(text);
    for (let attempt = 1; ; attempt++) {
      const current = await this.versionAt();
      if (current?.sha256 === sha256) return { applied: false, version: current };
      const data: ConfigVersionData<Summary> = {
        version: (current?.version ?? 0) + 1,
        sha256,
        fileName,
        summary: this.kind.summarize(parsed.value),
        yaml: text,
      };
      try {
        await this.store.append(
          this.kind.stream,
          [
            {
              type: this.kind.eventType,
              data,
              metadata: { ...context, causationId: null, command: this.kind.command },
            },
          ],
          current ? current.revision : 'no_stream',
        );
        const applied = await this.versionAt();
        if (!applied) throw new Error(`the ${this.kind.stream} version just applied cannot be read back`);
        return { applied: true, version: applied };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision) || attempt >= 5) throw error;
      }
    }
  }
}

/**
 * Versions of a config whose parsed value carries the number of the version it came from (triage rules,
 * runbooks): every decision made with it records that number.
 */
export class NumberedConfigVersions<T extends { readonly version: number | null }, Summary> extends ConfigVersions<
  T,
  Summary
> {
  override valueOf(version: ConfigVersion<Summary>): T {
    return { ...super.valueOf(version), version: version.version };
  }
}
