import type { IncidentCommandType } from './incident-commands';
import type { IncidentStatus } from './lifecycle';

const ACTIVE = ['triggered', 'triaged', 'acknowledged', 'mitigated'] as const;
/**
 * Triage ended the response early, but the same alert may keep firing or clear until the incident is closed, the
 * customer must be told why (status updates, time logged) and may reply (a reopen).
 */
const SETTLED = ['no_action', 'returned_to_customer'] as const;

/**
 * The statuses in which each command may be decided (README.md shows the same table). Being listed here is
 * necessary, not sufficient: some commands also check the state (a remediation must have been proposed, a
 * review published before closing, the reopen window still open).
 */
export const COMMAND_LEGALITY = {
  OpenIncident: ['initial'],
  CorrelateAlert: [...ACTIVE, ...SETTLED],
  ResolveAlertAtSource: [...ACTIVE, ...SETTLED],
  ReopenIncident: ['resolved', ...SETTLED],
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
  NotifyCustomer: [...ACTIVE, 'resolved', 'in_review', ...SETTLED],
  PostStatusUpdate: [...ACTIVE, 'resolved', 'in_review', ...SETTLED],
  LogTime: [...ACTIVE, 'resolved', ...SETTLED],
  MitigateIncident: ['triaged', 'acknowledged'],
  ResolveIncident: ACTIVE,
  StartReview: ['resolved'],
  RecordRootCause: ['acknowledged', 'mitigated', 'resolved', 'in_review'],
  AddActionItem: ['in_review'],
  CompleteActionItem: ['in_review', 'closed'],
  PublishReview: ['in_review'],
  CloseIncident: ['resolved', 'in_review', ...SETTLED],
  // Issue 13 (lifecycle corrections): kept together to ease merging with the remediation/response additions.
  ChangeSeverity: [...ACTIVE, ...SETTLED],
  ReassignIncident: ACTIVE,
  UnacknowledgeIncident: ['acknowledged'],
  // Issue 17: waived before it starts, or while in review until it is published.
  WaiveReview: ['resolved', 'in_review'],
  // A recurrence or a duplicate may be recognised at any time, in review or after closing too.
  LinkIncident: [...ACTIVE, 'resolved', 'in_review', 'closed', ...SETTLED],
  // Issue 15: a page is asked for while someone works the incident; its outcome is recorded whenever it comes.
  RequestPages: ACTIVE,
  RecordPageDelivery: [...ACTIVE, 'resolved', 'in_review', 'closed', ...SETTLED],
  RecordPageFailure: [...ACTIVE, 'resolved', 'in_review', 'closed', ...SETTLED],
  StartSlaClocks: ACTIVE,
  // Issue 17: a sign-off approves the review before it is published.
  SignOffReview: ['in_review'],
} as const satisfies { [C in IncidentCommandType]: readonly IncidentStatus[] };

export type LegalStatusFor<C extends IncidentCommandType> = (typeof COMMAND_LEGALITY)[C][number];

export const INCIDENT_COMMAND_TYPES = Object.keys(COMMAND_LEGALITY) as readonly IncidentCommandType[];

export const isCommandLegalIn = (commandType: IncidentCommandType, status: IncidentStatus): boolean =>
  (COMMAND_LEGALITY[commandType] as readonly IncidentStatus[]).includes(status);

/** What a UI or CLI may offer for an incident in this status. */
export const legalCommandsIn = (status: IncidentStatus): readonly IncidentCommandType[] =>
  INCIDENT_COMMAND_TYPES.filter((commandType) => isCommandLegalIn(commandType, status));

export const isIncidentCommandType = (type: string): type is IncidentCommandType =>
  Object.hasOwn(COMMAND_LEGALITY, type);
