import type { Actor, AppendResult, NewEvent, RecordedEvent } from './envelope';

/** Who issues a command, on whose behalf and why: what every event the command produces records. */
export interface CommandContext {
  readonly occurredAt: string;
  readonly actor: Actor;
  readonly correlationId: string;
  /** The event, timer or request that caused the command; with the command's type, what makes it idempotent. */
  readonly causationId?: string | null;
}

export interface CommandOutcome<Event> {
  readonly events: Event[];
  /** Where the events are: absent only when the decider produced none (nothing was appended). */
  readonly appended?: AppendResult;
  /** True when this command had already been handled for this cause: nothing was appended this time. */
  readonly duplicate: boolean;
}

/**
 * The envelopes of one command's events. Every writer of command results uses this (the command handler,
 * intake's batched path), so that the command's type and cause are recorded the same way everywhere.
 */
export function commandEvents<Event extends { readonly type: string; readonly data: unknown }>(
  commandType: string,
  events: readonly Event[],
  context: CommandContext,
): NewEvent<Event['type'], Event['data']>[] {
  const metadata = {
    occurredAt: context.occurredAt,
    actor: context.actor,
    correlationId: context.correlationId,
    causationId: context.causationId ?? null,
    command: commandType,
  };
  return events.map((event) => ({ type: event.type, data: event.data, metadata }));
}

/**
 * The outcome of an earlier run of the same command for the same cause, if the stream holds one: a Kafka
 * record delivered twice or a timer fired again after a crash must find its first effect, not make a second.
 * Without a cause there is nothing to recognise a repeat by, so nothing is deduplicated.
 */
export function earlierOutcome<Event>(
  history: readonly RecordedEvent[],
  commandType: string,
  causationId: string | null | undefined,
): CommandOutcome<Event> | undefined {
  if (causationId === null || causationId === undefined) return undefined;
  const earlier = history.filter(
    (event) => event.metadata.causationId === causationId && event.metadata.command === commandType,
  );
  const last = earlier.at(-1);
  if (!last) return undefined;
  return {
    events: earlier.map((event) => ({ type: event.type, data: event.data }) as Event),
    appended: { nextExpectedRevision: last.streamRevision, position: last.globalPosition },
    duplicate: true,
  };
}
