import fc from 'fast-check';
import {
  ADMIN,
  APPROVER,
  COMMAND_TYPES,
  EXPECTED_EDGES,
  EXPECTED_LEGALITY,
  STATUSES,
  at,
  command,
  isExpectedMove,
  legalIn,
} from '../testing-support';
import { decide } from './decide';
import { evolve } from './evolve';
import { IllegalTransitionError, IncidentValidationError } from './incident-errors';
import { COMMAND_TIME_FIELD } from './command-time';
import type { IncidentCommand, IncidentCommandType } from './incident-commands';
import { replayIncident } from './incident-decider';
import type { IncidentEvent } from './incident-events';
import { initialState, type IncidentState } from './incident-state';
import type { IncidentStatus } from './lifecycle';

/**
 * Commands that move the status or only succeed after others; favouring them lets walks of a hundred steps
 * reach every status and every command (the coverage is asserted, so a rare one would make the test flaky).
 */
const FAVOURED: readonly IncidentCommandType[] = [
  'OpenIncident',
  'TriageIncident',
  'AcknowledgeIncident',
  'MarkIncidentNoAction',
  'ReturnIncidentToCustomer',
  'MitigateIncident',
  'ResolveIncident',
  'ResolveAlertAtSource',
  'ReopenIncident',
  'ProposeRemediation',
  'RequestRemediationApproval',
  'ApproveRemediation',
  'RejectRemediation',
  'ExpireRemediationApproval',
  'WithdrawRemediationApproval',
  'LiftContainment',
  'ExecuteRemediation',
  'RecordRemediationFailure',
  'StartReview',
  'RecordRootCause',
  'AddActionItem',
  'CompleteActionItem',
  'PublishReview',
  'CloseIncident',
  'WaiveReview',
  'UnacknowledgeIncident',
  'ReassignIncident',
  'RequestPages',
  'RecordPageDelivery',
  'RecordPageFailure',
  'StartSlaClocks',
];

/** Small pools so that ids collide and state-dependent rules (duplicates, unknown ids, levels) get exercised. */
const step = fc.record({
  choice: fc.constantFrom('favoured', 'legal', 'legal', 'legal', 'legal', 'any'),
  pick: fc.nat(),
  anyType: fc.constantFrom(...COMMAND_TYPES),
  minutesLater: fc.integer({ min: 0, max: 90 }),
  /** How long after the request an approval request expires (the walk sets `validUntil` from its clock). */
  expiresAfter: fc.integer({ min: 1, max: 600 }),
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
      autoResolve: fc.constantFrom('always', 'unacknowledged', 'never'),
      reviewRequired: fc.boolean(),
      assigneeKind: fc.constantFrom('person', 'team'),
      assignee: fc.constantFrom('alice', 'erin', 'database'),
      responderId: fc.constantFrom('bob', 'erin'),
      reopenWindowMinutes: fc.integer({ min: 0, max: 120 }),
      severity: fc.constantFrom('urgent', 'high', 'normal', 'low'),
      downgradeTo: fc.constantFrom('urgent', 'high', 'normal', 'low'),
      drill: fc.boolean(),
      whys: fc.constantFrom([], ['why'], ['why', 'why not']),
      technique: fc.constantFrom('5_whys', 'fishbone'),
      title: fc.constantFrom('Checkout API is down', ''),
      by: fc.constantFrom(APPROVER, APPROVER, ADMIN, { id: 'mallory', roles: ['responder'] }),
      onBehalfReason: fc.constantFrom('the CFO asked by phone', undefined),
      containmentId: fc.constantFrom('con-1', 'con-2'),
      nextUpdateDue: fc.constantFrom(undefined, at(100_000)),
      preApproved: fc.constantFrom(undefined, { period: '2025-03', budgetMinutes: 600, usedMinutes: 540 }),
      overrunReason: fc.constantFrom(undefined, 'the customer asked us to continue'),
      achievedBy: fc.constantFrom(
        undefined,
        { kind: 'remediation', id: 'rem-1' },
        { kind: 'containment', id: 'con-1' },
      ),
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
  acceptedTypes: IncidentCommandType[];
  /** Status before and after every accepted event. */
  moves: [IncidentStatus, IncidentStatus][];
  /** Commands refused, how, and whether the independent table allows them in that status. */
  refusals: { type: IncidentCommandType; status: IncidentStatus; error: unknown; tableAllows: boolean }[];
  /** Commands accepted in a status the independent table does not allow (must stay empty). */
  acceptedAgainstTable: string[];
}

/** Runs the steps through decide and evolve as a command handler would, recording what happened. */
const walk = (steps: Step[]): Walk => {
  let state = initialState();
  let clock = 0;
  const result: Walk = { state, accepted: [], acceptedTypes: [], moves: [], refusals: [], acceptedAgainstTable: [] };
  for (const { choice, pick, anyType, minutesLater, expiresAfter, overrides } of steps) {
    const legal = legalIn(state.status);
    const favoured = legal.filter((type) => FAVOURED.includes(type));
    const candidates = choice === 'favoured' && favoured.length > 0 ? favoured : choice !== 'any' ? legal : [];
    const type = candidates.length > 0 ? candidates[pick % candidates.length] : anyType;
    const tableAllows = EXPECTED_LEGALITY[type].includes(state.status);
    clock += minutesLater;
    const expiry = type === 'RequestRemediationApproval' ? { validUntil: at(clock + expiresAfter) } : {};
    const timing = { [COMMAND_TIME_FIELD[type]]: at(clock), ...expiry };
    const cmd = command(type, { ...overrides, ...timing } as never) as IncidentCommand;
    let events: IncidentEvent[];
    try {
      // Frozen inputs: decide and evolve must never mutate what they are given.
      events = decide(deepFreeze(cmd), deepFreeze(state));
    } catch (error) {
      result.refusals.push({ type, status: state.status, error, tableAllows });
      continue;
    }
    if (!tableAllows || events.length === 0) result.acceptedAgainstTable.push(`${type} in ${state.status}`);
    for (const event of events) {
      const next = evolve(state, deepFreeze(event));
      result.moves.push([state.status, next.status]);
      state = next;
    }
    result.accepted.push(...events);
    result.acceptedTypes.push(type);
  }
  result.state = state;
  return result;
};

describe('incident properties', () => {
  const steps = fc.array(step, { minLength: 1, maxLength: 100, size: 'max' });
  const runs = { numRuns: 200 };

  it('replaying the accepted events from the initial state gives the state tracked while deciding', () => {
    const acceptedTypes = new Set<IncidentCommandType>();
    fc.assert(
      fc.property(steps, (commands) => {
        const walked = walk(commands);
        walked.acceptedTypes.forEach((type) => acceptedTypes.add(type));
        expect(replayIncident(walked.accepted)).toStrictEqual(walked.state);
        // The events survive the JSON the store writes: no undefined, no Dates, no functions.
        const stored = JSON.parse(JSON.stringify(walked.accepted)) as IncidentEvent[];
        expect(stored).toStrictEqual(walked.accepted);
        expect(replayIncident(stored)).toStrictEqual(walked.state);
      }),
      // More walks than elsewhere: an approval needs a proposal and a request first, then the right approver in
      // time; at 600 walks ApproveRemediation went unaccepted about one run in ten.
      { numRuns: 1500 },
    );
    // Only convincing if every command got accepted somewhere along the walks.
    expect([...acceptedTypes].sort()).toEqual([...COMMAND_TYPES].sort());
  });

  it('moves the status only along the edges of the lifecycle graph', () => {
    const edgesTaken = new Set<string>();
    fc.assert(
      fc.property(steps, (commands) => {
        for (const [from, to] of walk(commands).moves) {
          if (!isExpectedMove(from, to)) throw new Error(`moved ${from} → ${to}, which is not an edge`);
          if (from !== to) edgesTaken.add(`${from} → ${to}`);
        }
      }),
      // More walks than elsewhere: some edges (a settled incident reopened within its window) are rare, and
      // rarer since paging and SLA commands joined the favoured ones: at 800 walks a CI run missed
      // returned_to_customer → triggered.
      { numRuns: 2_000 },
    );
    expect([...edgesTaken].sort()).toEqual([...EXPECTED_EDGES].sort());
    expect(STATUSES.filter((status) => ![...edgesTaken].some((edge) => edge.includes(status)))).toEqual([]);
  });

  it('accepts only what the table allows, and refuses with a domain error that agrees with it', () => {
    fc.assert(
      fc.property(steps, (commands) => {
        const walked = walk(commands);
        const disagreements = walked.refusals.flatMap(({ type, status, error, tableAllows }) => {
          if (error instanceof IncidentValidationError) return [];
          if (!(error instanceof IllegalTransitionError)) return [`${type} in ${status} threw ${String(error)}`];
          // Refused for its status exactly when the table says so; otherwise a state rule gave its reason.
          const byStateRule = error.reason !== null && status !== 'initial';
          return byStateRule === tableAllows ? [] : [`${type} in ${status}: ${error.message}`];
        });
        expect([...walked.acceptedAgainstTable, ...disagreements]).toEqual([]);
      }),
      runs,
    );
  });
});
