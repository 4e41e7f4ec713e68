import { Inject, Injectable } from '@nestjs/common';
import {
  commandOccurredAt,
  fold,
  type IncidentCommand,
  incidentDecider,
  type IncidentEvent,
  incidentStreamId,
} from '@incident/domain';
import {
  commandEvents,
  EVENT_STORE,
  type EventStore,
  type IncidentCommandContext,
  readWholeStream,
  StreamNotFound,
  WrongExpectedRevision,
} from '@incident/event-store';

/** The editor read an older revision of the review than the one there is now: their edit is refused. */
export class StaleRevisionError extends Error {
  override readonly name = 'StaleRevisionError';
  constructor(
    readonly incidentId: string,
    readonly expectedRevision: number,
    readonly currentRevision: number,
  ) {
    super(
      `the review of incident ${incidentId} is at revision ${currentRevision}, not ${expectedRevision}: ` +
        'read it again and reapply the edit',
    );
  }
}

export interface ReviewEdit {
  readonly events: readonly string[];
  /** The revision after the edit: what the editor sends with their next one. */
  readonly revision: number;
}

/**
 * A person's edit of the review, applied only on the revision they read. Unlike the shared command loop, which
 * re-reads and decides again on a conflict (right for a machine's command), a person's edit made on a stale
 * page must not silently land on top of another's: the append is at the revision the editor names, once.
 * The revision is the incident stream's: any event since (another editor, a late page outcome) makes the read
 * stale, which errs on the side of showing the editor what changed.
 */
@Injectable()
export class ReviewEditor {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async edit(command: IncidentCommand, expectedRevision: number, context: IncidentCommandContext): Promise<ReviewEdit> {
    const { incidentId } = command.data;
    const streamId = incidentStreamId(incidentId);
    const history = await readWholeStream(this.store, streamId);
    const current = history.at(-1)?.streamRevision;
    if (current === undefined) throw new StreamNotFound(streamId);
    if (current !== expectedRevision) throw new StaleRevisionError(incidentId, expectedRevision, current);
    const events = incidentDecider.decide(command, fold(incidentDecider, history as unknown as IncidentEvent[]));
    const occurredAt = context.occurredAt ?? commandOccurredAt(command);
    try {
      const appended = await this.store.append(
        streamId,
        commandEvents(command.type, events, { ...context, occurredAt }),
        expectedRevision,
      );
      return { events: events.map((event) => event.type), revision: appended.nextExpectedRevision };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error;
      const now = (await readWholeStream(this.store, streamId)).at(-1)?.streamRevision ?? expectedRevision;
      throw new StaleRevisionError(incidentId, expectedRevision, now);
    }
  }
}
