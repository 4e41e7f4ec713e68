/**
 * The whole contract between a pure domain and the command-handling loop: fold the stream with `evolve` from
 * `initialState()`, ask `decide` for the new events, append them with the revision that was read.
 */
export type Decider<State, Command, Event> = {
  decide: (command: Command, state: State) => Event[];
  evolve: (state: State, event: Event) => State;
  initialState: () => State;
};

/** Folds a history into a state; what a command handler and an auditor's "state at a past moment" both do. */
export const fold = <State, Event>(
  decider: Pick<Decider<State, never, Event>, 'evolve' | 'initialState'>,
  events: readonly Event[],
): State => events.reduce(decider.evolve, decider.initialState());

export const assertNever = (value: never, what: string): never => {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
};
