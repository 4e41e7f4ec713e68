import { DIRECTORY_STREAM, type DirectoryVersionApplied, parseDirectory } from '@incident/directory';
import { type EventStore, type RecordedEvent, StreamNotFound } from '@incident/event-store';
import { type DirectoryTerms, NO_TERMS, termsOf } from './directory-terms';

interface VersionAt {
  readonly position: bigint;
  readonly terms: DirectoryTerms;
}

type VersionEvent = RecordedEvent<'DirectoryVersionApplied', DirectoryVersionApplied['data']>;

const isVersion = (event: RecordedEvent): event is VersionEvent =>
  event.streamId === DIRECTORY_STREAM && event.type === 'DirectoryVersionApplied';

function versionOf(event: VersionEvent): VersionAt {
  const parsed = parseDirectory(event.data.yaml, event.data.fileName);
  // A version validated when applied; should a later parser refuse it, it is read as "nothing known".
  return { position: event.globalPosition, terms: 'errors' in parsed ? NO_TERMS : termsOf(parsed.directory) };
}

/**
 * Which directory version was in force at each place in the global log. The directory stream's events are in the
 * log too, so "in force" means "the last version before this event's global position": the answer is the same
 * when following live and when rebuilding from zero, which a lookup by wall-clock time could not promise.
 * Loaded from the directory stream once, then kept up to date from the versions the pages bring.
 */
export class DirectoryTimeline {
  private versions: VersionAt[] | undefined;

  constructor(private readonly store: Pick<EventStore, 'readStream'>) {}

  /** Learns the versions a page of the log carries (and, the first time, every version recorded so far). */
  async observe(page: readonly RecordedEvent[]): Promise<void> {
    this.versions ??= (await this.recorded()).map(versionOf);
    const known = new Set(this.versions.map((version) => version.position));
    const added = page.filter(isVersion).filter((event) => !known.has(event.globalPosition));
    if (added.length === 0) return;
    this.versions = [...this.versions, ...added.map(versionOf)].sort((a, b) =>
      a.position < b.position ? -1 : a.position > b.position ? 1 : 0,
    );
  }

  /** The terms in force just before `globalPosition` (a decimal string, as projections carry it). */
  termsAt(globalPosition: string): DirectoryTerms {
    const position = BigInt(globalPosition);
    let found: DirectoryTerms = NO_TERMS;
    for (const version of this.versions ?? []) {
      if (version.position >= position) break;
      found = version.terms;
    }
    return found;
  }

  private async recorded(): Promise<VersionEvent[]> {
    try {
      return (await this.store.readStream(DIRECTORY_STREAM)).filter(isVersion);
    } catch (error) {
      if (error instanceof StreamNotFound) return [];
      throw error;
    }
  }
}
