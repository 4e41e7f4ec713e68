import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  COMMAND_TYPES,
  EXPECTED_EDGES,
  EXPECTED_LEGALITY,
  STATUSES,
  command,
  historyIn,
  illegalIn,
  isExpectedMove,
  legalIn,
  type HistoryOptions,
} from '../testing-support';
import { COMMAND_LEGALITY, INCIDENT_COMMAND_TYPES, isCommandLegalIn, legalCommandsIn } from './command-legality';
import { decide } from './decide';
import { IllegalTransitionError } from './incident-errors';
import type { IncidentCommandType } from './incident-commands';
import { replayIncident } from './incident-decider';
import { evolve } from './evolve';
import { INCIDENT_STATUSES, LIFECYCLE_EDGES, canMove } from './lifecycle';

/** What each command needs in the history, besides the status, to be accepted. */
const PREREQUISITES: Partial<Record<IncidentCommandType, HistoryOptions>> = {
  AcknowledgeIncident: { escalated: true },
  RequestRemediationApproval: { remediation: 'no_approval' },
  ApproveRemediation: { remediation: 'approval_requested' },
  RejectRemediation: { remediation: 'approval_requested' },
  ExpireRemediationApproval: { remediation: 'approval_requested' },
  WithdrawRemediationApproval: { remediation: 'approval_requested' },
  LiftContainment: { containment: true },
  ExecuteRemediation: { remediation: 'no_approval' },
  RecordRemediationFailure: { remediation: 'no_approval' },
  CompleteActionItem: { actionItem: true },
  PublishReview: { rootCause: true },
  SignOffReview: { rootCause: true },
  CloseIncident: { published: true, reviewWaived: true },
  RecordPageDelivery: { pageRequested: true },
  RecordPageFailure: { pageRequested: true },
};

describe('the lifecycle graph', () => {
  it('has exactly the edges of the table in libs/domain/README.md', () => {
    expect(new Set(LIFECYCLE_EDGES.map(([from, to]) => `${from} → ${to}`))).toEqual(EXPECTED_EDGES);
  });

  it('lets a status stay or follow an edge, nothing else', () => {
    for (const from of INCIDENT_STATUSES) {
      for (const to of INCIDENT_STATUSES)
        expect([from, to, canMove(from, to)]).toEqual([from, to, isExpectedMove(from, to)]);
    }
  });

  it('knows every status', () => {
    expect([...INCIDENT_STATUSES]).toEqual(STATUSES);
  });
});

describe('the command × status table', () => {
  it('matches the table the other services rely on', () => {
    expect([...INCIDENT_COMMAND_TYPES].sort()).toEqual([...COMMAND_TYPES].sort());
    for (const type of COMMAND_TYPES)
      expect([type, [...COMMAND_LEGALITY[type]].sort()]).toEqual([type, [...EXPECTED_LEGALITY[type]].sort()]);
  });

  it('is the table printed in libs/domain/README.md', () => {
    const lines = readFileSync(join(__dirname, '../../README.md'), 'utf8').split('\n');
    const cells = (line: string) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
    const header = lines.find((line) => /^\|\s*command\s*\|/.test(line));
    expect(cells(header ?? '|  |').slice(1)).toEqual(STATUSES.map((status) => `\`${status}\``));
    const table = new Map(lines.filter((line) => line.startsWith('| `')).map((line) => [cells(line)[0], cells(line)]));
    for (const type of COMMAND_TYPES) {
      const marks = table
        .get(`\`${type}\``)
        ?.slice(1)
        .map((cell) => cell === '✓');
      expect([type, marks]).toEqual([type, STATUSES.map((status) => EXPECTED_LEGALITY[type].includes(status))]);
    }
  });

  it('answers what may be done in a status', () => {
    expect(legalCommandsIn('closed')).toEqual([
      'CompleteActionItem',
      'LinkIncident',
      'RecordPageDelivery',
      'RecordPageFailure',
    ]);
    expect(isCommandLegalIn('AcknowledgeIncident', 'triggered')).toBe(true);
    expect(isCommandLegalIn('AcknowledgeIncident', 'closed')).toBe(false);
  });
});

describe.each(STATUSES)('when %s', (status) => {
  const legal = legalIn(status);
  const illegal = illegalIn(status);

  if (legal.length > 0) {
    it.each(legal)('accepts %s and moves only along an edge', (type) => {
      const state = replayIncident(historyIn(status, PREREQUISITES[type]));
      expect(state.status).toBe(status);
      const events = decide(command(type), state);
      expect(events.length).toBeGreaterThan(0);
      const after = events.reduce(evolve, state);
      expect(isExpectedMove(status, after.status)).toBe(true);
    });
  }

  if (illegal.length > 0) {
    it.each(illegal)('rejects %s with the status in the error', (type) => {
      const state = replayIncident(historyIn(status, PREREQUISITES[type]));
      const attempt = () => decide(command(type), state);
      expect(attempt).toThrow(IllegalTransitionError);
      expect(attempt).toThrow(new RegExp(`^cannot ${type}: incident is ${status}\\b`));
      expect(attempt).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION', commandType: type, status }));
    });
  }
});
