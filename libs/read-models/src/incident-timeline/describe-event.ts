import { assertNever, type IncidentEvent } from '@incident/domain';

const words = (value: string): string => value.replaceAll('_', ' ').replaceAll('.', ' ');
const withNote = (text: string, note: string | null): string => (note ? `${text}: ${note}` : text);
const alert = (alertId: string | null): string => (alertId ? `alert ${alertId}` : 'an alert');
const signed = (amount: number): string => `${amount >= 0 ? '+' : ''}${amount}`;
const onBehalf = (decision: { onBehalfOf: string | null; onBehalfReason: string | null }): string =>
  decision.onBehalfOf === null ? '' : ` for ${decision.onBehalfOf} (${decision.onBehalfReason ?? 'no reason given'})`;
const capitalised = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/**
 * One sentence per event for the timeline, in the words responders use. The switch is exhaustive, so a new
 * event type does not compile until it has its sentence.
 */
export function describeEvent(event: IncidentEvent): string {
  switch (event.type) {
    case 'IncidentOpened': {
      const { title, source, customerId, service, drill } = event.data;
      return `${drill ? 'Drill opened' : 'Opened'} from ${source}: "${title}" (customer ${customerId}, service ${service})`;
    }
    case 'AlertCorrelated':
      return `Grouped ${alert(event.data.alertId)} into the incident (${event.data.alertCount} alerts)`;
    case 'AlertResolvedAtSource':
      return `${capitalised(alert(event.data.alertId))} resolved at its source${event.data.allAlertsResolved ? '; every alert is clear' : ''}`;
    case 'IncidentReopened':
      return `Reopened by ${alert(event.data.alertId)} (reopen #${event.data.reopenCount})`;
    case 'IncidentTriaged':
    case 'IncidentReclassified': {
      const { severity, category, owningTeam, ruleId } = event.data;
      const verb = event.type === 'IncidentTriaged' ? 'Triaged' : 'Reclassified';
      return `${verb} as ${severity} ${words(category)} for team ${owningTeam} (rule ${ruleId})`;
    }
    case 'IncidentMarkedNoAction':
      return `No action needed, decided by ${event.data.decidedBy}: ${event.data.reason}`;
    case 'IncidentReturnedToCustomer': {
      const { returnedBy, reason, previousSeverity, downgradedTo } = event.data;
      const downgrade = downgradedTo ? `; severity lowered from ${previousSeverity} to ${downgradedTo}` : '';
      return `Returned to the customer by ${returnedBy}: ${reason}${downgrade}`;
    }
    case 'ResponderPaged': {
      const { responderId, channel, escalationLevel } = event.data;
      return `Paged ${responderId} by ${channel} (level ${escalationLevel})`;
    }
    case 'IncidentAcknowledged':
      return `Acknowledged by ${event.data.responderId}`;
    case 'IncidentEscalated': {
      const { fromLevel, toLevel, reason, requestedBy, note } = event.data;
      const why =
        reason === 'timeout' ? 'no acknowledgement in time' : `help asked for by ${requestedBy ?? 'a responder'}`;
      return withNote(`Escalated from level ${fromLevel} to ${toLevel}, ${why}`, note);
    }
    case 'SlaBreached':
      return `${capitalised(event.data.sla)} SLA breached (target ${event.data.targetMinutes} min)`;
    case 'ContainmentApplied': {
      const { containmentId, action, appliedBy, description } = event.data;
      return `Containment ${containmentId} (${words(action)}) applied by ${appliedBy}: ${description}`;
    }
    case 'RemediationProposed': {
      const { remediationId, action, description, requiresApproval, monthlyCostDelta, proposedBy } = event.data;
      const cost = monthlyCostDelta === null ? '' : `, monthly cost ${signed(monthlyCostDelta)}`;
      const approval = requiresApproval ? ', needs approval' : '';
      return `Remediation ${remediationId} (${words(action)}) proposed by ${proposedBy}: ${description}${approval}${cost}`;
    }
    case 'RemediationApprovalRequested': {
      const { remediationId, requestedFrom, monthlyCostDelta, currency, validUntil } = event.data;
      const cost =
        monthlyCostDelta === null ? '' : `, monthly cost ${signed(monthlyCostDelta)} ${currency ?? ''}`.trimEnd();
      const until = validUntil === null ? '' : `, valid until ${validUntil}`;
      return `Approval of remediation ${remediationId} requested from ${requestedFrom}${cost}${until}`;
    }
    case 'RemediationApproved': {
      const { remediationId, approvedBy } = event.data;
      return `Remediation ${remediationId} approved by ${approvedBy}${onBehalf(event.data)}`;
    }
    case 'RemediationRejected': {
      const { remediationId, rejectedBy, reason } = event.data;
      return `Remediation ${remediationId} rejected by ${rejectedBy}${onBehalf(event.data)}: ${reason}`;
    }
    case 'RemediationApprovalExpired':
      return `Approval request for remediation ${event.data.remediationId} expired (valid until ${event.data.validUntil})`;
    case 'ResponseTeamAssembled': {
      const { members, assembledBy } = event.data;
      const who = members.map(({ personId, role }) => `${personId} (${words(role)})`).join(', ');
      return `Response team assembled by ${assembledBy}: ${who}`;
    }
    case 'CustomerNotified': {
      const { channel, message, nextUpdateDue, notifiedBy } = event.data;
      const next = nextUpdateDue === null ? '' : ` (next update due ${nextUpdateDue})`;
      return `Customer notified by ${notifiedBy} via ${channel}${next}: ${message}`;
    }
    case 'ContainmentLifted':
      return withNote(`Containment ${event.data.containmentId} lifted by ${event.data.liftedBy}`, event.data.reason);
    case 'RemediationApprovalWithdrawn': {
      const { remediationId, withdrawnBy, reason } = event.data;
      return `Approval request for remediation ${remediationId} withdrawn by ${withdrawnBy}: ${reason}`;
    }
    case 'RemediationExecuted':
      return `Remediation ${event.data.remediationId} carried out by ${event.data.executedBy}`;
    case 'RemediationFailed':
      return `Remediation ${event.data.remediationId} failed: ${event.data.reason}`;
    case 'StatusUpdatePosted':
      return `Status update to ${event.data.audience === 'customer' ? 'the customer' : 'the team'} by ${event.data.postedBy}: ${event.data.message}`;
    case 'TimeLogged': {
      const { responderId, kind, minutes, totalMinutes, note } = event.data;
      return withNote(`${responderId} logged ${minutes} min of ${kind} work (${totalMinutes} min in all)`, note);
    }
    case 'PreApprovedHoursExceeded': {
      const { customerId, period, budgetMinutes, usedMinutes, reason } = event.data;
      const whose = customerId === null ? '' : ` of ${customerId}${period === null ? '' : ` for ${period}`}`;
      return withNote(`Pre-approved time${whose} exceeded: ${usedMinutes} of ${budgetMinutes} min used`, reason);
    }
    case 'IncidentMitigated': {
      const { mitigatedBy, summary, achievedBy } = event.data;
      const through = achievedBy === null ? '' : ` through ${achievedBy.kind} ${achievedBy.id}`;
      return `Mitigated by ${mitigatedBy}${through}: ${summary}`;
    }
    case 'IncidentResolved':
      return event.data.cause === 'source'
        ? `Resolved at the source: ${event.data.summary}`
        : `Resolved by ${event.data.resolvedBy}: ${event.data.summary}`;
    case 'ReviewStarted':
      return `Post-incident review started by ${event.data.startedBy}`;
    case 'RootCauseRecorded':
      return `Root cause recorded by ${event.data.recordedBy} (${words(event.data.technique)}): ${event.data.rootCause}`;
    case 'ActionItemAdded': {
      const { actionItemId, kind, title, owner, dueDate } = event.data;
      return `Action item ${actionItemId} (${words(kind)}) for ${owner}, due ${dueDate}: ${title}`;
    }
    case 'ActionItemCompleted':
      return `Action item ${event.data.actionItemId} completed by ${event.data.completedBy}`;
    case 'ReviewPublished':
      return `Review published by ${event.data.publishedBy}: ${event.data.summary}`;
    case 'IncidentClosed':
      return withNote(`Closed by ${event.data.closedBy}`, event.data.note);
    case 'SeverityChanged': {
      const { previousSeverity, severity, changedBy, reason } = event.data;
      const change = previousSeverity ? `changed from ${previousSeverity} to ${severity}` : `set to ${severity}`;
      return `Severity ${change} by ${changedBy}: ${reason}`;
    }
    case 'IncidentReassigned': {
      const { assigneeKind, assignee, reassignedBy, reason } = event.data;
      return `Reassigned to ${assigneeKind === 'team' ? 'team ' : ''}${assignee} by ${reassignedBy}: ${reason}`;
    }
    case 'IncidentUnacknowledged': {
      const { previousAssignee, unacknowledgedBy, status, reason } = event.data;
      return `Acknowledgement by ${previousAssignee} withdrawn by ${unacknowledgedBy}, back to ${status}: ${reason}`;
    }
    case 'IncidentLinked': {
      const { relation, linkedIncidentId, linkedBy, note } = event.data;
      return withNote(`Linked by ${linkedBy} as ${words(relation)} incident ${linkedIncidentId}`, note);
    }
    case 'ReviewWaived':
      return `Review waived by ${event.data.waivedBy}: ${event.data.reason}`;
    case 'PageRequested': {
      const { target, level, attempt } = event.data;
      return `Page to ${target} requested (level ${level}${attempt > 0 ? `, repeat ${attempt}` : ''})`;
    }
    case 'PageDelivered': {
      const { target, channel, level } = event.data;
      return `Paged ${target} by ${channel} (level ${level})`;
    }
    case 'PageFailed':
      return `Page to ${event.data.target} failed: ${event.data.reason}`;
    case 'SlaClockStarted':
      return `${capitalised(event.data.sla)} SLA clock started (target ${event.data.targetMinutes} min, due ${event.data.dueAt})`;
    case 'ReviewSignedOff':
      return `Review signed off by ${event.data.signedOffBy} as ${words(event.data.role)}`;
    default:
      return assertNever(event, 'incident event');
  }
}
