import {
  commandOccurredAt,
  IllegalTransitionError,
  type IncidentCommand,
  incidentDecider,
  type IncidentEvent,
  incidentStreamId,
  IncidentValidationError,
} from '@incident/domain';
import type { CommandOutcome } from './command-causation';
import { handleCommand, type HandleCommandOptions } from './command-handler';
import type { Actor, RecordedEvent } from './envelope';
import { StreamNotFound } from './errors';
import type { EventStore } from './event-store.port';

export interface IncidentCommandContext {
  readonly actor: Actor;
  readonly correlationId: string;
  /** The event id, timer key or request id that caused the command: a second command for it appends nothing. */
  readonly causationId?: string | null;
  /** Defaults to the command's own time (`acknowledgedAt`, `triagedAt`, ...). */
  readonly occurredAt?: string;
  /**
   * The incident's whole stream as the caller read it just before (its facts): the first try decides on it
   * instead of reading the stream again. Safe when stale: the append expects its last revision (handleCommand).
   */
  readonly knownHistory?: readonly RecordedEvent[];
}

export type IncidentCommandOutcome = CommandOutcome<IncidentEvent>;

/**
 * What services issue incident commands through: the incident's stream named by the domain, the shared command
 * loop (read, fold, decide, append at the revision read, retry on conflict), idempotent by cause.
 * Throws IncidentValidationError (400), IllegalTransitionError (409), StreamNotFound for a command on an incident
 * never opened (404), ConcurrencyConflict once its retries are spent (409, retry later).
 */
export class IncidentCommandHandler {
  constructor(
    private readonly store: EventStore,
    private readonly options: HandleCommandOptions = {},
  ) {}

  async execute(command: IncidentCommand, context: IncidentCommandContext): Promise<IncidentCommandOutcome> {
    const { incidentId } = command.data;
    if (typeof incidentId !== 'string' || incidentId.trim() === '') {
      throw new IncidentValidationError(command.type, 'incidentId', 'must be a non-empty string');
    }
    const streamId = incidentStreamId(incidentId);
    const { knownHistory, ...cause } = context;
    const occurredAt = cause.occurredAt ?? commandOccurredAt(command);
    try {
      return await handleCommand(
        this.store,
        incidentDecider,
        streamId,
        command,
        { ...cause, occurredAt },
        this.options,
        knownHistory,
      );
    } catch (error) {
      // Only OpenIncident is legal before the first event: any other command names an incident that is not there.
      if (error instanceof IllegalTransitionError && error.status === 'initial') throw new StreamNotFound(streamId);
      throw error;
    }
  }
}
