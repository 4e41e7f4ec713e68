import type { RecordedEvent } from './envelope';

/** Upgrades the data of one event type from one schema version to the next. */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  upcast(data: unknown, event: RecordedEvent): unknown;
}

/**
 * Upcasters by type and version, applied on read in one place (EventStore), repeatedly until no upcaster
 * matches, so a v1 event passes through v1→v2→v3. Stored events are never rewritten.
 */
export class UpcasterRegistry {
  private readonly byKey = new Map<string, Upcaster>();
  /** Types with any upcaster: every other event is returned as read, without building a key per event. */
  private readonly types = new Set<string>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const upcaster of upcasters) this.register(upcaster);
  }

  register(upcaster: Upcaster): this {
    const key = `${upcaster.type}@${upcaster.fromVersion}`;
    if (this.byKey.has(key)) throw new Error(`two upcasters for ${key}`);
    this.byKey.set(key, upcaster);
    this.types.add(upcaster.type);
    return this;
  }

  /** The version events of this type are written in today: one past the last upcaster's, else 1. */
  currentVersion(type: string): number {
    let version = 1;
    while (this.byKey.has(`${type}@${version}`)) version += 1;
    return version;
  }

  upcast(event: RecordedEvent): RecordedEvent {
    if (!this.types.has(event.type)) return event;
    let current = event;
    for (let upcaster = this.find(current); upcaster; upcaster = this.find(current)) {
      current = { ...current, data: upcaster.upcast(current.data, current), schemaVersion: current.schemaVersion + 1 };
    }
    return current;
  }

  private find(event: RecordedEvent): Upcaster | undefined {
    return this.byKey.get(`${event.type}@${event.schemaVersion}`);
  }
}
