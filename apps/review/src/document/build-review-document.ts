import { assertNever, type IncidentEvent, type IncidentOpened, TIME_KINDS } from '@incident/domain';
import { changeLines, type ReviewChange } from './change-lines';
import type { ReviewDocument, TimelineEntry } from './review-document';

const minutesBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / 60_000);

type Draft = { -readonly [K in keyof ReviewDocument]: ReviewDocument[K] };

function opening(opened: IncidentOpened['data']): Draft {
  return {
    incidentId: opened.incidentId,
    title: opened.title,
    drill: opened.drill,
    severity: opened.severity,
    category: opened.category,
    owningTeam: null,
    timeline: [
      {
        at: opened.openedAt,
        kind: 'detection',
        summary: `${opened.source} reported "${opened.title}" on ${opened.service}`,
        by: opened.source,
      },
    ],
    escalations: [],
    impact: {
      openedAt: opened.openedAt,
      acknowledgedAt: null,
      resolvedAt: null,
      durationMinutes: null,
      timeToAcknowledgeMinutes: null,
      customers: [opened.customerId],
      services: [opened.service],
      slaBreaches: [],
      reopenCount: 0,
    },
    timeLogged: {
      totalMinutes: 0,
      byKind: Object.fromEntries(TIME_KINDS.map((kind) => [kind, 0])) as Draft['timeLogged']['byKind'],
      preApprovedMinutes: null,
      preApprovedExceeded: false,
    },
    reviewStartedAt: null,
    rootCause: null,
    actionItems: [],
    linkedIncidents: [],
    signOffs: [],
    publishedAt: null,
    closedAt: null,
  };
}

/** One event's part of the document; events that tell a reviewer nothing (pages, alert counts) leave it as is. */
function apply(doc: Draft, event: IncidentEvent): void {
  const line = (entry: TimelineEntry): void => {
    doc.timeline = [...doc.timeline, entry];
  };
  switch (event.type) {
    case 'IncidentOpened':
      return;
    case 'IncidentTriaged':
    case 'IncidentReclassified': {
      const { severity, category, owningTeam, reasons, triagedAt, ruleId } = event.data;
      Object.assign(doc, { severity, category, owningTeam });
      if (event.data.preApprovedMinutes !== null) {
        doc.timeLogged = { ...doc.timeLogged, preApprovedMinutes: event.data.preApprovedMinutes };
      }
      const why = reasons.length > 0 ? `: ${reasons.join('; ')}` : '';
      return line({
        at: triagedAt,
        kind: 'triage',
        summary: `${severity} ${category}, ${owningTeam}${why}`,
        by: ruleId,
      });
    }
    case 'SeverityChanged':
      doc.severity = event.data.severity;
      return line({
        at: event.data.changedAt,
        kind: 'triage',
        summary: `severity ${event.data.previousSeverity ?? 'none'} → ${event.data.severity}: ${event.data.reason}`,
        by: event.data.changedBy,
      });
    case 'IncidentAcknowledged': {
      const { acknowledgedAt, responderId } = event.data;
      if (doc.impact.acknowledgedAt === null) {
        const timeToAcknowledgeMinutes = minutesBetween(doc.impact.openedAt, acknowledgedAt);
        doc.impact = { ...doc.impact, acknowledgedAt, timeToAcknowledgeMinutes };
      }
      return line({
        at: acknowledgedAt,
        kind: 'acknowledgement',
        summary: `acknowledged by ${responderId}`,
        by: responderId,
      });
    }
    case 'IncidentEscalated': {
      const { reason, fromLevel, toLevel, requestedBy, note, escalatedAt } = event.data;
      const why =
        note ??
        (reason === 'timeout' ? 'nobody acknowledged in time' : `${requestedBy ?? 'a responder'} asked for help`);
      doc.escalations = [...doc.escalations, { at: escalatedAt, fromLevel, toLevel, reason, requestedBy, why }];
      return line({
        at: escalatedAt,
        kind: 'escalation',
        summary: `escalated ${fromLevel} → ${toLevel} (${reason}): ${why}`,
        by: requestedBy,
      });
    }
    case 'SlaBreached': {
      const { sla, targetMinutes, breachedAt } = event.data;
      doc.impact = { ...doc.impact, slaBreaches: [...doc.impact.slaBreaches, { sla, targetMinutes, breachedAt }] };
      return line({
        at: breachedAt,
        kind: 'sla_breach',
        summary: `${sla} SLA (${targetMinutes} min) breached`,
        by: null,
      });
    }
    case 'ContainmentApplied':
      return line({
        at: event.data.appliedAt,
        kind: 'containment',
        summary: `${event.data.action}: ${event.data.description}`,
        by: event.data.appliedBy,
      });
    case 'ContainmentLifted':
      return line({
        at: event.data.liftedAt,
        kind: 'containment',
        summary: `containment ${event.data.containmentId} lifted${event.data.reason ? `: ${event.data.reason}` : ''}`,
        by: event.data.liftedBy,
      });
    case 'RemediationProposed':
      return line({
        at: event.data.proposedAt,
        kind: 'remediation',
        summary: `proposed ${event.data.action}: ${event.data.description}`,
        by: event.data.proposedBy,
      });
    case 'RemediationApproved':
      return line({
        at: event.data.approvedAt,
        kind: 'remediation',
        summary: `remediation ${event.data.remediationId} approved`,
        by: event.data.approvedBy,
      });
    case 'RemediationRejected':
      return line({
        at: event.data.rejectedAt,
        kind: 'remediation',
        summary: `remediation ${event.data.remediationId} rejected: ${event.data.reason}`,
        by: event.data.rejectedBy,
      });
    case 'RemediationExecuted':
      return line({
        at: event.data.executedAt,
        kind: 'remediation',
        summary: `remediation ${event.data.remediationId} executed`,
        by: event.data.executedBy,
      });
    case 'RemediationFailed':
      return line({
        at: event.data.failedAt,
        kind: 'remediation',
        summary: `remediation ${event.data.remediationId} failed: ${event.data.reason}`,
        by: null,
      });
    case 'CustomerNotified':
      return line({
        at: event.data.notifiedAt,
        kind: 'customer_update',
        summary: `${event.data.channel}: ${event.data.message}`,
        by: event.data.notifiedBy,
      });
    case 'StatusUpdatePosted':
      if (event.data.audience !== 'customer') return;
      return line({
        at: event.data.postedAt,
        kind: 'customer_update',
        summary: `status page: ${event.data.message}`,
        by: event.data.postedBy,
      });
    case 'TimeLogged': {
      const { kind, minutes } = event.data;
      const byKind = { ...doc.timeLogged.byKind, [kind]: doc.timeLogged.byKind[kind] + minutes };
      doc.timeLogged = { ...doc.timeLogged, totalMinutes: doc.timeLogged.totalMinutes + minutes, byKind };
      return;
    }
    case 'PreApprovedHoursExceeded':
      doc.timeLogged = { ...doc.timeLogged, preApprovedExceeded: true };
      return;
    case 'IncidentMitigated':
      return line({
        at: event.data.mitigatedAt,
        kind: 'mitigation',
        summary: event.data.summary,
        by: event.data.mitigatedBy,
      });
    case 'IncidentResolved': {
      const { resolvedAt } = event.data;
      const durationMinutes = minutesBetween(doc.impact.openedAt, resolvedAt);
      doc.impact = { ...doc.impact, resolvedAt, durationMinutes };
      const cause = event.data.cause === 'source' ? 'every alert cleared at its source' : event.data.summary;
      return line({ at: resolvedAt, kind: 'resolution', summary: cause, by: event.data.resolvedBy });
    }
    case 'IncidentReopened':
      doc.impact = { ...doc.impact, reopenCount: event.data.reopenCount };
      return line({
        at: event.data.reopenedAt,
        kind: 'reopen',
        summary: `reopened (${event.data.reopenCount})`,
        by: null,
      });
    case 'ReviewStarted':
      doc.reviewStartedAt = event.data.startedAt;
      return;
    case 'RootCauseRecorded': {
      const { incidentId: _incident, ...analysis } = event.data;
      doc.rootCause = analysis;
      // As in the domain: a changed analysis is not what was approved.
      doc.signOffs = [];
      return;
    }
    case 'ActionItemAdded': {
      const { incidentId: _incident, ...added } = event.data;
      const item = { ...added, completedAt: null, completedBy: null, evidence: null };
      doc.actionItems = [...doc.actionItems, item];
      doc.signOffs = [];
      return;
    }
    case 'ActionItemCompleted': {
      const { actionItemId, completedAt, completedBy, evidence } = event.data;
      doc.actionItems = doc.actionItems.map((item) =>
        item.actionItemId === actionItemId ? { ...item, completedAt, completedBy, evidence } : item,
      );
      return;
    }
    case 'IncidentLinked':
      doc.linkedIncidents = [
        ...doc.linkedIncidents,
        {
          incidentId: event.data.linkedIncidentId,
          relation: event.data.relation,
          note: event.data.note,
          linkedAt: event.data.linkedAt,
        },
      ];
      return;
    case 'ReviewPublished':
      doc.publishedAt = event.data.publishedAt;
      return;
    case 'IncidentClosed':
      doc.closedAt = event.data.closedAt;
      return;
    case 'AlertCorrelated':
    case 'AlertResolvedAtSource':
    case 'IncidentMarkedNoAction':
    case 'IncidentReturnedToCustomer':
    case 'ResponderPaged':
    case 'RemediationApprovalRequested':
    case 'RemediationApprovalExpired':
    case 'RemediationApprovalWithdrawn':
    case 'ResponseTeamAssembled':
    case 'IncidentReassigned':
    case 'IncidentUnacknowledged':
    case 'ReviewWaived':
    case 'PageRequested':
    case 'PageDelivered':
    case 'PageFailed':
    case 'SlaClockStarted':
      return;
    case 'ReviewSignedOff': {
      const { role, signedOffBy, signedOffAt } = event.data;
      const others = doc.signOffs.filter((signOff) => signOff.role !== role);
      doc.signOffs = [...others, { role, signedOffBy, signedOffAt }];
      return;
    }
    default:
      assertNever(event, 'incident event');
  }
}

/**
 * Pure: the review document from the incident's history, in the order the events were recorded; the timeline is
 * then ordered by when things happened (a breach is recorded after the moment it names).
 */
export function buildReviewDocument(
  events: readonly IncidentEvent[],
  changes: readonly ReviewChange[] = [],
): ReviewDocument {
  const [first, ...rest] = events;
  if (first?.type !== 'IncidentOpened') throw new Error('an incident stream must begin with IncidentOpened');
  const doc = opening(first.data);
  // The service's changes in the hour before detection come first: "what changed just before this?" (issue 21).
  doc.timeline = [...changeLines(changes, first.data.openedAt), ...doc.timeline];
  for (const event of rest) apply(doc, event);
  const timeline = doc.timeline
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => Date.parse(a.entry.at) - Date.parse(b.entry.at) || a.index - b.index)
    .map(({ entry }) => entry);
  return { ...doc, timeline };
}
