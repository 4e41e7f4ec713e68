import type { IncidentCommandType } from '../incident/incident-commands';
import type { IncidentStatus } from '../incident/lifecycle';

/*
 * Written out by hand from DESIGN.md §2 and libs/domain/README.md, deliberately not derived from the domain's
 * LIFECYCLE_EDGES and COMMAND_LEGALITY: the tests compare the two, so a change to either is a visible decision.
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

export const EXPECTED_EDGES: ReadonlySet<string> = new Set([
  'initial → triggered',
  'triggered → triaged',
  'triggered → acknowledged',
  'triggered → resolved',
  'triaged → acknowledged',
  'triaged → no_action',
  'triaged → returned_to_customer',
  'acknowledged → mitigated',
  'mitigated → resolved',
  'resolved → triggered',
  'resolved → in_review',
  'in_review → closed',
  'no_action → closed',
  'returned_to_customer → closed',
]);

export const isExpectedMove = (from: IncidentStatus, to: IncidentStatus): boolean =>
  from === to || EXPECTED_EDGES.has(`${from} → ${to}`);

const ACTIVE: IncidentStatus[] = ['triggered', 'triaged', 'acknowledged', 'mitigated'];

export const EXPECTED_LEGALITY: Readonly<Record<IncidentCommandType, readonly IncidentStatus[]>> = {
  OpenIncident: ['initial'],
  CorrelateAlert: [...ACTIVE, 'no_action', 'returned_to_customer'],
  ResolveAlertAtSource: [...ACTIVE, 'no_action', 'returned_to_customer'],
  ReopenIncident: ['resolved'],
  TriageIncident: ACTIVE,
  MarkIncidentNoAction: ['triaged'],
  ReturnIncidentToCustomer: ['triaged'],
  PageResponder: ACTIVE,
  AcknowledgeIncident: ['triggered', 'triaged'],
  EscalateIncident: ACTIVE,
  RecordSlaBreach: ACTIVE,
  ApplyContainment: ACTIVE,
  ProposeRemediation: ACTIVE,
  RequestRemediationApproval: ACTIVE,
  ApproveRemediation: ACTIVE,
  RejectRemediation: ACTIVE,
  ExecuteRemediation: ACTIVE,
  RecordRemediationFailure: ACTIVE,
  PostStatusUpdate: [...ACTIVE, 'resolved', 'in_review'],
  LogTime: [...ACTIVE, 'resolved'],
  MitigateIncident: ['acknowledged'],
  ResolveIncident: ['mitigated'],
  StartReview: ['resolved'],
  RecordRootCause: ['acknowledged', 'mitigated', 'resolved', 'in_review'],
  AddActionItem: ['in_review'],
  CompleteActionItem: ['in_review', 'closed'],
  PublishReview: ['in_review'],
  CloseIncident: ['in_review', 'no_action', 'returned_to_customer'],
};

export const COMMAND_TYPES = Object.keys(EXPECTED_LEGALITY) as IncidentCommandType[];

export const legalIn = (status: IncidentStatus): IncidentCommandType[] =>
  COMMAND_TYPES.filter((type) => EXPECTED_LEGALITY[type].includes(status));

export const illegalIn = (status: IncidentStatus): IncidentCommandType[] =>
  COMMAND_TYPES.filter((type) => !EXPECTED_LEGALITY[type].includes(status));
