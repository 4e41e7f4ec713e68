import type { IncidentCommand, IncidentCommandOf, IncidentCommandType } from './incident-commands';

type TimeField = { [T in IncidentCommandType]: keyof IncidentCommandOf<T>['data'] & `${string}At` };

/** Which field of each command says when it happened; the compiler checks every command has one listed. */
export const COMMAND_TIME_FIELD: TimeField = {
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
  ExpireRemediationApproval: 'expiredAt',
  WithdrawRemediationApproval: 'withdrawnAt',
  LiftContainment: 'liftedAt',
  AssembleResponseTeam: 'assembledAt',
  NotifyCustomer: 'notifiedAt',
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
  // Issue 13, lifecycle corrections.
  ChangeSeverity: 'changedAt',
  ReassignIncident: 'reassignedAt',
  UnacknowledgeIncident: 'unacknowledgedAt',
  WaiveReview: 'waivedAt',
  LinkIncident: 'linkedAt',
  // Issue 15, exactly-once paging.
  RequestPages: 'requestedAt',
  RecordPageDelivery: 'deliveredAt',
  RecordPageFailure: 'failedAt',
  StartSlaClocks: 'startedAt',
  // Issue 17, review sign-off.
  SignOffReview: 'signedOffAt',
};

/**
 * When the command happened: time arrives with the command (the domain has no clock), so this is what the
 * command handler records as its events' `occurredAt`.
 */
export function commandOccurredAt(command: IncidentCommand): string {
  const field = COMMAND_TIME_FIELD[command.type];
  return (command.data as unknown as Record<string, string>)[field] as string;
}
