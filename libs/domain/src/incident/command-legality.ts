import type { IncidentCommandType } from './incident-commands';
import type { IncidentStatus } from './lifecycle';

const ACTIVE = ['triggered', 'triaged', 'acknowledged', 'mitigated'] as const;
/** Triage ended the response early, but the same alert may keep firing or clear until the incident is closed. */
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
  ExpireRemediationApproval: ACTIVE,
  WithdrawRemediationApproval: ACTIVE,
  LiftContainment: [...ACTIVE, 'resolved'],
  AssembleResponseTeam: ACTIVE,
  NotifyCustomer: [...ACTIVE, 'resolved', 'in_review', ...SETTLED],
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
