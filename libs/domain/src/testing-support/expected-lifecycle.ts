import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncidentCommandType } from '../incident/incident-commands';
import type { IncidentStatus } from '../incident/lifecycle';

/*
 * Taken from the documents, deliberately not derived from the domain's LIFECYCLE_EDGES and COMMAND_LEGALITY:
 * the edges are read from libs/domain/README.md's table, the statuses and legality written out by hand from it
 * and DESIGN.md §2 (the legality test also reads the README's command table). The tests compare them with the
 * code, so a change to either side is a visible decision.
 */

export const STATUSES: readonly IncidentStatus[] = [
  'initial',
  'triggered',
  'triaged',
  'acknowledged',
  'mitigated',
  'resolved',
  'in_review',
  'closed',
  'no_action',
  'returned_to_customer',
];

/** The lifecycle's edges as libs/domain/README.md documents them, in its `| from | to | by |` table. */
export const EXPECTED_EDGES: ReadonlySet<string> = readmeEdges();

function readmeEdges(): ReadonlySet<string> {
  const lines = readFileSync(join(__dirname, '../../README.md'), 'utf8').split('\n');
  const header = lines.findIndex((line) => /^\|\s*from\s*\|\s*to\s*\|\s*by\s*\|/.test(line));
  if (header < 0) throw new Error('libs/domain/README.md has no "| from | to | by |" table');
  const edges = new Set<string>();
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const [from, to] = line
      .split('|')
      .slice(1, 3)
      .map((cell) => cell.trim().replace(/`/g, ''));
    edges.add(`${from} → ${to}`);
  }
  return edges;
}

export const isExpectedMove = (from: IncidentStatus, to: IncidentStatus): boolean =>
  from === to || EXPECTED_EDGES.has(`${from} → ${to}`);

const ACTIVE: IncidentStatus[] = ['triggered', 'triaged', 'acknowledged', 'mitigated'];

export const EXPECTED_LEGALITY: Readonly<Record<IncidentCommandType, readonly IncidentStatus[]>> = {
  OpenIncident: ['initial'],
  CorrelateAlert: [...ACTIVE, 'no_action', 'returned_to_customer'],
  ResolveAlertAtSource: [...ACTIVE, 'no_action', 'returned_to_customer'],
  ReopenIncident: ['resolved', 'no_action', 'returned_to_customer'],
  TriageIncident: ACTIVE,
  MarkIncidentNoAction: ['triaged', 'acknowledged'],
  ReturnIncidentToCustomer: ['triaged', 'acknowledged'],
  PageResponder: ACTIVE,
  AcknowledgeIncident: ['triggered', 'triaged', 'acknowledged'],
  EscalateIncident: ACTIVE,
  RecordSlaBreach: ACTIVE,
  ApplyContainment: ACTIVE,
  ProposeRemediation: ACTIVE,
  RequestRemediationApproval: ACTIVE,
  ApproveRemediation: ACTIVE,
  RejectRemediation: ACTIVE,
  ExecuteRemediation: ACTIVE,
  RecordRemediationFailure: ACTIVE,
  ExpireRemediationApproval: ACTIVE,
  WithdrawRemediationApproval: ACTIVE,
  LiftContainment: [...ACTIVE, 'resolved'],
  AssembleResponseTeam: ACTIVE,
  NotifyCustomer: [...ACTIVE, 'resolved', 'in_review', 'no_action', 'returned_to_customer'],
  PostStatusUpdate: [...ACTIVE, 'resolved', 'in_review', 'no_action', 'returned_to_customer'],
  LogTime: [...ACTIVE, 'resolved', 'no_action', 'returned_to_customer'],
  MitigateIncident: ['triaged', 'acknowledged'],
  ResolveIncident: ACTIVE,
  StartReview: ['resolved'],
  RecordRootCause: ['acknowledged', 'mitigated', 'resolved', 'in_review'],
  AddActionItem: ['in_review'],
  CompleteActionItem: ['in_review', 'closed'],
  PublishReview: ['in_review'],
  CloseIncident: ['resolved', 'in_review', 'no_action', 'returned_to_customer'],
  ChangeSeverity: [...ACTIVE, 'no_action', 'returned_to_customer'],
  ReassignIncident: ACTIVE,
  UnacknowledgeIncident: ['acknowledged'],
  WaiveReview: ['resolved', 'in_review'],
  LinkIncident: [...ACTIVE, 'resolved', 'in_review', 'closed', 'no_action', 'returned_to_customer'],
  RequestPages: ACTIVE,
  RecordPageDelivery: [...ACTIVE, 'resolved', 'in_review', 'closed', 'no_action', 'returned_to_customer'],
  RecordPageFailure: [...ACTIVE, 'resolved', 'in_review', 'closed', 'no_action', 'returned_to_customer'],
  StartSlaClocks: ACTIVE,
  SignOffReview: ['in_review'],
};

export const COMMAND_TYPES = Object.keys(EXPECTED_LEGALITY) as IncidentCommandType[];

export const legalIn = (status: IncidentStatus): IncidentCommandType[] =>
  COMMAND_TYPES.filter((type) => EXPECTED_LEGALITY[type].includes(status));

export const illegalIn = (status: IncidentStatus): IncidentCommandType[] =>
  COMMAND_TYPES.filter((type) => !EXPECTED_LEGALITY[type].includes(status));
