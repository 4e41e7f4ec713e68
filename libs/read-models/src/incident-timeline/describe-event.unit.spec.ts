import { INCIDENT_EVENT_TYPES, type IncidentEvent } from '@incident/domain';
import { syntheticIncident } from '../synthetic/synthetic-incident';
import {
  escalatedOnTimeout,
  event,
  minute,
  reassigned,
  resolved,
  severityChanged,
  unacknowledged,
} from '../testing-support/projected';
import { describeEvent } from './describe-event';

describe('timeline sentences', () => {
  it('every event of varied synthetic histories reads as a sentence with no placeholders', () => {
    const events = Array.from({ length: 10 }, (_, index) => syntheticIncident(index).events).flat();
    const seen = new Set(events.map((e) => e.type));
    expect(seen.size).toBeGreaterThan(INCIDENT_EVENT_TYPES.length / 2);
    for (const recorded of events) {
      const sentence = describeEvent({ type: recorded.type, data: recorded.data } as IncidentEvent);
      expect(sentence).toMatch(/^[A-Za-z"].{8,}/);
      expect(sentence).not.toMatch(/undefined|null|\[object/);
    }
  });

  // Each event type with the sentence its timeline entry reads.
  it.each<[string, IncidentEvent]>([
    ['Escalated from level 1 to 2, no acknowledgement in time', escalatedOnTimeout(1, 2, 5)],
    [
      'Resolved at the source: alert cleared',
      resolved(2, { cause: 'source', resolvedBy: 'source', summary: 'alert cleared' }),
    ],
    [
      'Severity changed from high to low by alice: returned to the customer',
      severityChanged(3, { previousSeverity: 'high' }),
    ],
    [
      'Reassigned to team database by alice: a database problem',
      reassigned(4, { assigneeKind: 'team', assignee: 'database', reason: 'a database problem' }),
    ],
    ['Acknowledgement by bob withdrawn by escalation, back to triaged: acknowledgement timed out', unacknowledged(5)],
    [
      'Review waived by carol: a flapping alert',
      event('ReviewWaived', { reason: 'a flapping alert', waivedBy: 'carol', waivedAt: minute(9) }),
    ],
    [
      'Linked by carol as recurrence of incident i-7',
      event('IncidentLinked', {
        linkedIncidentId: 'i-7',
        relation: 'recurrence_of',
        note: null,
        linkedBy: 'carol',
        linkedAt: minute(10),
      }),
    ],
    [
      `Approval of remediation rem-1 requested from contact-acme-cfo, monthly cost +420 EUR, valid until ${minute(60)}`,
      event('RemediationApprovalRequested', {
        remediationId: 'rem-1',
        requestedFrom: 'contact-acme-cfo',
        monthlyCostDelta: 420,
        currency: 'EUR',
        validUntil: minute(60),
        requestedAt: minute(1),
      }),
    ],
    [
      'Remediation rem-1 approved by erin for contact-acme-cfo (approved by phone)',
      event('RemediationApproved', {
        remediationId: 'rem-1',
        approvedBy: 'erin',
        onBehalfOf: 'contact-acme-cfo',
        onBehalfReason: 'approved by phone',
        approvedAt: minute(2),
      }),
    ],
    [
      `Approval request for remediation rem-1 expired (valid until ${minute(60)})`,
      event('RemediationApprovalExpired', {
        remediationId: 'rem-1',
        validUntil: minute(60),
        expiredAt: minute(61),
      }),
    ],
    [
      'bob logged 30 min of investigation work (90 min in all)',
      event('TimeLogged', {
        responderId: 'bob',
        kind: 'investigation',
        minutes: 30,
        totalMinutes: 90,
        period: '2025-03',
        note: null,
        loggedAt: minute(5),
      }),
    ],
    [
      'Pre-approved time of acme for 2025-03 exceeded: 630 of 600 min used: the customer asked us to continue',
      event('PreApprovedHoursExceeded', {
        customerId: 'acme',
        period: '2025-03',
        budgetMinutes: 600,
        usedMinutes: 630,
        reason: 'the customer asked us to continue',
        exceededAt: minute(5),
      }),
    ],
    [
      'Response team assembled by alice: alice (incident commander), sam (security)',
      event('ResponseTeamAssembled', {
        members: [
          { personId: 'alice', role: 'incident_commander' },
          { personId: 'sam', role: 'security' },
        ],
        assembledBy: 'alice',
        assembledAt: minute(2),
      }),
    ],
    [
      `Customer notified by bob via email (next update due ${minute(60)}): We are on it`,
      event('CustomerNotified', {
        channel: 'email',
        message: 'We are on it',
        nextUpdateDue: minute(60),
        notifiedBy: 'bob',
        notifiedAt: minute(3),
      }),
    ],
    [
      'Containment con-1 lifted by alice: the fix is deployed',
      event('ContainmentLifted', {
        containmentId: 'con-1',
        liftedBy: 'alice',
        reason: 'the fix is deployed',
        liftedAt: minute(3),
      }),
    ],
    [
      'Mitigated by alice through containment con-1: traffic redirected',
      event('IncidentMitigated', {
        mitigatedBy: 'alice',
        summary: 'traffic redirected',
        achievedBy: { kind: 'containment', id: 'con-1' },
        mitigatedAt: minute(4),
      }),
    ],
  ])('reads "%s"', (sentence, recorded) => {
    expect(describeEvent(recorded)).toBe(sentence);
  });
});
