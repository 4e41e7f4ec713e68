import type { Decider } from '@incident/domain';
import type { AppendResult, NewEvent, RecordedEvent } from './envelope';
import { ConcurrencyConflict, StreamNotFound, WrongExpectedRevision } from './errors';
import type { EventStore } from './event-store.port';

export interface CommandContext {
  readonly occurredAt: string;
  readonly actor: NewEvent['metadata']['actor'];
  readonly correlationId: string;
  readonly causationId?: string | null;
}

export interface HandleCommandOptions {
  readonly maxAttempts?: number;
  /** Upper bound of the random pause before a retry, doubled per attempt. */
  readonly baseDelayMs?: number;
}

export interface CommandOutcome<Event> {
  readonly events: Event[];
  /** Absent when the decider produced no events (nothing was appended). */
  readonly appended?: AppendResult;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one command-handling loop every service uses: read the stream and fold it, decide, append with the
 * revision that was read. When another writer got there first, re-read and re-decide (the command may have
 * become illegal or unnecessary), up to a bound, with jittered backoff; then give up with ConcurrencyConflict.
 * Domain errors from decide propagate unchanged.
 */
export async function handleCommand<State, Command, Event extends { type: string; data: unknown }>(
  store: EventStore,
  decider: Decider<State, Command, Event>,
  streamId: string,
  command: Command,
  context: CommandContext,
  options: HandleCommandOptions = {},
): Promise<CommandOutcome<Event>> {
  const maxAttempts = options.maxAttempts ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 10;
  for (let attempt = 1; ; attempt++) {
    const history = await readWholeStream(store, streamId);
    const state = history.reduce(
      (current, event) => decider.evolve(current, event as unknown as Event),
      decider.initialState(),
    );
    const events = decider.decide(command, state);
    if (events.length === 0) return { events };
    const expected = history.at(-1)?.streamRevision ?? 'no_stream';
    try {
      const appended = await store.append(
        streamId,
        events.map((event) => ({ type: event.type, data: event.data, metadata: context })),
        expected,
      );
      return { events, appended };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error;
      if (attempt >= maxAttempts) throw new ConcurrencyConflict(streamId, attempt);
      await pause(Math.random() * baseDelayMs * 2 ** (attempt - 1));
    }
  }
}

export async function readWholeStream(store: EventStore, streamId: string): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(streamId);
  } catch (error) {
    if (error instanceof StreamNotFound) return [];
    throw error;
  }
}
