import fc from 'fast-check';
import { COMMAND_TYPES, EXPECTED_LEGALITY, STATUSES, at, command, isExpectedMove, legalIn } from '../testing-support';
import { decide } from './decide';
import { evolve } from './evolve';
import { IllegalTransitionError, IncidentDomainError, IncidentValidationError } from './incident-errors';
import type { IncidentCommand, IncidentCommandType } from './incident-commands';
import { replayIncident } from './incident-decider';
import type { IncidentEvent } from './incident-events';
import { initialState, type IncidentState } from './incident-state';
import type { IncidentStatus } from './lifecycle';

/** The field of each command that carries its time; the walk sets it from a clock that only moves forward. */
const TIME_FIELD: Record<IncidentCommandType, string> = {
  OpenIncident: 'openedAt',
  CorrelateAlert: 'receivedAt',
  ResolveAlertAtSource: 'resolvedAt',
  ReopenIncident: 'reopenedAt',
  TriageIncident: 'triagedAt',
  MarkIncidentNoAction: 'markedAt',
  ReturnIncidentToCustomer: 'returnedAt',
  PageResponder: 'pagedAt',
  AcknowledgeIncident: 'acknowledgedAt',
  EscalateIncident: 'escalatedAt',
  RecordSlaBreach: 'breachedAt',
  ApplyContainment: 'appliedAt',
  ProposeRemediation: 'proposedAt',
  RequestRemediationApproval: 'requestedAt',
  ApproveRemediation: 'approvedAt',
  RejectRemediation: 'rejectedAt',
  ExecuteRemediation: 'executedAt',
  RecordRemediationFailure: 'failedAt',
  PostStatusUpdate: 'postedAt',
  LogTime: 'loggedAt',
  MitigateIncident: 'mitigatedAt',
  ResolveIncident: 'resolvedAt',
  StartReview: 'startedAt',
  RecordRootCause: 'recordedAt',
  AddActionItem: 'addedAt',
  CompleteActionItem: 'completedAt',
  PublishReview: 'publishedAt',
  CloseIncident: 'closedAt',
};

/** Commands that move the status or unlock a move; favouring them lets short walks reach every status. */
const PROGRESS: readonly IncidentCommandType[] = [
  'OpenIncident',
  'TriageIncident',
  'AcknowledgeIncident',
  'MarkIncidentNoAction',
  'ReturnIncidentToCustomer',
  'MitigateIncident',
  'ResolveIncident',
  'ResolveAlertAtSource',
  'ReopenIncident',
  'StartReview',
  'RecordRootCause',
  'AddActionItem',
  'CompleteActionItem',
  'PublishReview',
  'CloseIncident',
];

/** Small pools so that ids collide and state-dependent rules (duplicates, unknown ids, levels) get exercised. */
const step = fc.record({
  choice: fc.constantFrom('progress', 'legal', 'legal', 'legal', 'legal', 'any'),
  pick: fc.nat(),
  anyType: fc.constantFrom(...COMMAND_TYPES),
  minutesLater: fc.integer({ min: 0, max: 90 }),
  overrides: fc.record(
    {
      remediationId: fc.constantFrom('rem-1', 'rem-2'),
      requiresApproval: fc.boolean(),
      actionItemId: fc.constantFrom('ai-1', 'ai-2'),
      minutes: fc.integer({ min: -5, max: 300 }),
      preApprovedMinutes: fc.integer({ min: 0, max: 600 }),
      toLevel: fc.integer({ min: 0, max: 5 }),
      sla: fc.constantFrom('acknowledgement', 'mitigation', 'resolution'),
      allAlertsResolved: fc.boolean(),
      reopenWindowMinutes: fc.integer({ min: 0, max: 120 }),
      severity: fc.constantFrom('urgent', 'high', 'normal', 'low'),
      downgradeTo: fc.constantFrom('urgent', 'high', 'normal', 'low'),
      drill: fc.boolean(),
      whys: fc.constantFrom([], ['why'], ['why', 'why not']),
      technique: fc.constantFrom('5_whys', 'fishbone'),
      title: fc.constantFrom('Checkout API is down', ''),
    },
    { requiredKeys: [] },
  ),
});
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
};

interface Walk {
  state: IncidentState;
  accepted: IncidentEvent[];
  visited: IncidentStatus[];
  acceptedTypes: IncidentCommandType[];
}

/**
 * Runs the steps through decide, tracking the state as a command handler would, and checks on the way that
 * every refusal is a domain error that agrees with the table, and every event moves along a graph edge.
 */
const walk = (steps: Step[]): Walk => {
  let state = initialState();
  let clock = 0;
  const result: Walk = { state, accepted: [], visited: ['initial'], acceptedTypes: [] };
  for (const { choice, pick, anyType, minutesLater, overrides } of steps) {
    const legal = legalIn(state.status);
    const progress = legal.filter((type) => PROGRESS.includes(type));
    const candidates = choice === 'progress' && progress.length > 0 ? progress : choice !== 'any' ? legal : [];
    const type = candidates.length > 0 ? candidates[pick % candidates.length] : anyType;
    clock += minutesLater;
    const cmd = command(type, { ...overrides, [TIME_FIELD[type]]: at(clock) } as never) as IncidentCommand;
    let events: IncidentEvent[];
    try {
      events = decide(deepFreeze(cmd), deepFreeze(state));
    } catch (error) {
      expect(error).toBeInstanceOf(IncidentDomainError);
      if (error instanceof IllegalTransitionError) {
        // Refused for its status exactly when the table says so; otherwise a state rule gave its reason.
        const byStateRule = error.reason !== null && state.status !== 'initial';
        const byTable = !EXPECTED_LEGALITY[type].includes(state.status);
        expect([type, state.status, byStateRule]).toEqual([type, state.status, !byTable]);
      } else {
        expect(error).toBeInstanceOf(IncidentValidationError);
      }
      continue;
    }
    expect(EXPECTED_LEGALITY[type]).toContain(state.status);
    expect(events.length).toBeGreaterThan(0);
    expect(decide(cmd, state)).toStrictEqual(events);
    for (const event of events) {
      const next = evolve(deepFreeze(state), deepFreeze(event));
      expect([state.status, next.status, isExpectedMove(state.status, next.status)]).toEqual([
        state.status,
        next.status,
        true,
      ]);
      state = next;
      result.visited.push(state.status);
    }
    result.accepted.push(...events);
    result.acceptedTypes.push(type);
  }
  result.state = state;
  return result;
};

describe('incident properties', () => {
  const steps = fc.array(step, { minLength: 1, maxLength: 100, size: 'max' });

  it('replaying the accepted events from the initial state gives the state tracked while deciding', () => {
    const visited = new Set<IncidentStatus>();
    const acceptedTypes = new Set<IncidentCommandType>();
    fc.assert(
      fc.property(steps, (commands) => {
        const { state, accepted, visited: seen, acceptedTypes: types } = walk(commands);
        seen.forEach((status) => visited.add(status));
        types.forEach((type) => acceptedTypes.add(type));
        expect(replayIncident(accepted)).toStrictEqual(state);
        // The events survive the JSON the store writes: no undefined, no Dates, no functions.
        const stored = JSON.parse(JSON.stringify(accepted)) as IncidentEvent[];
        expect(stored).toStrictEqual(accepted);
        expect(replayIncident(stored)).toStrictEqual(state);
      }),
      { numRuns: 300 },
    );
    // The walks are only convincing if they reach every status and get every command accepted somewhere.
    expect([...visited].sort()).toEqual([...STATUSES].sort());
    expect([...acceptedTypes].sort()).toEqual([...COMMAND_TYPES].sort());
  });

  it('moves the status only along the edges of the lifecycle graph', () => {
    fc.assert(
      fc.property(steps, (commands) => {
        const { accepted } = walk(commands);
        let status: IncidentStatus = 'initial';
        for (const event of accepted) {
          const next = evolve(replayIncident(accepted.slice(0, accepted.indexOf(event))), event).status;
          expect(isExpectedMove(status, next)).toBe(true);
          status = next;
        }
      }),
      { numRuns: 200 },
    );
  });
});
