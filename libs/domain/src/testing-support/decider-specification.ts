import type { Decider } from '../decider';

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

/**
 * given(history).when(command).then(events) for any decider; needs Jest's `expect`, so it is kept out of the
 * library build. `then` returns the state after the new events, which also proves that evolve accepts them.
 */
export const DeciderSpecification = {
  for:
    <State, Command, Event>(decider: Decider<State, Command, Event>) =>
    (history: readonly Event[]) => ({
      when: (command: Command) => {
        const current = (): State => history.reduce(decider.evolve, decider.initialState());
        return {
          then: (expected: readonly Event[]): State => {
            const state = current();
            const events = decider.decide(command, state);
            expect(events).toStrictEqual(expected);
            return events.reduce(decider.evolve, state);
          },
          thenThrows: <E extends Error>(errorClass: ErrorClass<E>, properties: Partial<E> = {}): E => {
            const state = current();
            let thrown: unknown;
            try {
              decider.decide(command, state);
            } catch (error) {
              thrown = error;
            }
            expect(thrown).toBeInstanceOf(errorClass);
            expect(thrown).toMatchObject(properties);
            return thrown as E;
          },
        };
      },
    }),
};
