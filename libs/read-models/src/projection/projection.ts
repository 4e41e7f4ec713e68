import type { IncidentEventType } from '@incident/domain';
import type { RecordedEvent } from '@incident/event-store';
import type { EntityManager } from 'typeorm';
import type { DirectoryTerms } from '../directory-terms/directory-terms';
import type { EventPlacement, ProjectedEvent } from './projected-event';

/** What a projection may consult besides its events and its own tables. */
export interface ProjectionContext {
  /** The directory version in force at the event's place in the log (NO_TERMS before the first version). */
  termsAt(placement: EventPlacement): DirectoryTerms;
}

/**
 * A read model kept up to date from the event store's global log. The runner hands it the events it handles,
 * in global order, inside the transaction that also moves its checkpoint: either both commit or neither does,
 * so each event has its effect exactly once however often the process dies.
 */
export interface Projection {
  /** The key of its checkpoint and of `projections rebuild <name>`. */
  readonly name: string;
  readonly description: string;
  /** Tables only this projection writes, emptied by a rebuild. Never shared: rebuilds lock one projection. */
  readonly tables: readonly string[];
  readonly handles: ReadonlySet<IncidentEventType>;
  apply(manager: EntityManager, events: readonly ProjectedEvent[], context: ProjectionContext): Promise<void>;
  /**
   * Optional, for a read model of streams other than incidents (issue 21: changes): the page's events it
   * `accepts`, as recorded, applied in the same transaction and after `apply`.
   */
  readonly recorded?: {
    accepts(event: RecordedEvent): boolean;
    apply(manager: EntityManager, events: readonly RecordedEvent[]): Promise<void>;
  };
}
