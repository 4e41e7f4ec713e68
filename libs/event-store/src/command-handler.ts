import type { Decider } from '@incident/domain';
import { type CommandContext, commandEvents, type CommandOutcome, earlierOutcome } from './command-causation';
import type { RecordedEvent } from './envelope';
import { ConcurrencyConflict, StreamNotFound, WrongExpectedRevision } from './errors';
import type { EventStore } from './event-store.port';

export type { CommandContext, CommandOutcome } from './command-causation';

export interface HandleCommandOptions {
  readonly maxAttempts?: number;
  /** Upper bound of the random pause before a retry, doubled per attempt. */
  readonly baseDelayMs?: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one command-handling loop every service uses: read the stream and fold it, decide, append with the
 * revision that was read. When another writer got there first, re-read and re-decide (the command may have
 * become illegal or unnecessary, or a twin of it for the same cause may have won), up to a bound, with
 * jittered backoff; then give up with ConcurrencyConflict. Domain errors from decide propagate unchanged.
 * A command already handled for its causationId returns that earlier outcome and appends nothing.
 */
export async function handleCommand<
  State,
  Command extends { readonly type: string },
  Event extends { type: string; data: unknown },
>(
  store: EventStore,
  decider: Decider<State, Command, Event>,
  streamId: string,
  command: Command,
  context: CommandContext,
  options: HandleCommandOptions = {},
  known?: readonly RecordedEvent[],
): Promise<CommandOutcome<Event>> {
  const maxAttempts = options.maxAttempts ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 10;
  // `known`: the whole stream as the caller read it just before. It is trusted only as far as an append proves
  // it: the append expects its last revision, so anything appended since (a twin of this command for the same
  // cause included) fails it with WrongExpectedRevision. A refusal or "nothing to do" decided on it could be
  // stale, so those, and a failed append, read the stream afresh without counting an attempt. An earlier outcome
  // found in it stands: events once stored never change.
  let fromCaller = isWholeStream(known, streamId) ? known : undefined;
  for (let attempt = 1; ;) {
    const trusted = fromCaller === undefined;
    const history = fromCaller ? [...fromCaller] : await readWholeStream(store, streamId);
    fromCaller = undefined;
    // Before deciding: the command may be illegal by now precisely because its first run succeeded.
    const earlier = earlierOutcome<Event>(history, command.type, context.causationId);
    if (earlier) return earlier;
    const state = history.reduce(
      (current, event) => decider.evolve(current, event as unknown as Event),
      decider.initialState(),
    );
    let events: Event[];
    try {
      events = decider.decide(command, state);
    } catch (error) {
      if (trusted) throw error;
      continue;
    }
    if (events.length === 0) {
      if (trusted) return { events, duplicate: false };
      continue;
    }
    const expected = history.at(-1)?.streamRevision ?? 'no_stream';
    try {
      const appended = await store.append(streamId, commandEvents(command.type, events, context), expected);
      return { events, appended, duplicate: false };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error;
      if (!trusted) continue;
      if (attempt >= maxAttempts) throw new ConcurrencyConflict(streamId, attempt);
      await pause(Math.random() * baseDelayMs * 2 ** (attempt - 1));
      attempt += 1;
    }
  }
}

/** A caller's read of `streamId` from its first event (anything else is ignored, and the stream read). */
function isWholeStream(
  known: readonly RecordedEvent[] | undefined,
  streamId: string,
): known is readonly RecordedEvent[] {
  const first = known?.[0];
  return known !== undefined && (first === undefined || (first.streamId === streamId && first.streamRevision === 0));
}

export async function readWholeStream(store: EventStore, streamId: string): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(streamId);
  } catch (error) {
    if (error instanceof StreamNotFound) return [];
    throw error;
  }
}
