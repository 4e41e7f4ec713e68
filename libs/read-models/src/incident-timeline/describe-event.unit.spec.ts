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

  it('says why an escalation happened', () => {
    const timeout = escalatedOnTimeout(1, 2, 5);
    expect(describeEvent(timeout)).toBe('Escalated from level 1 to 2, no acknowledgement in time');
  });

  it('tells a resolution at the source from a responder’s', () => {
    const source = resolved(2, { cause: 'source', resolvedBy: 'source', summary: 'alert cleared' });
    expect(describeEvent(source)).toBe('Resolved at the source: alert cleared');
  });

  it('tells severity changes, reassignments and withdrawn acknowledgements', () => {
    const changed = severityChanged(3, { previousSeverity: 'high' });
    expect(describeEvent(changed)).toBe('Severity changed from high to low by alice: returned to the customer');
    const toTeam = reassigned(4, { assigneeKind: 'team', assignee: 'database', reason: 'a database problem' });
    expect(describeEvent(toTeam)).toBe('Reassigned to team database by alice: a database problem');
    expect(describeEvent(unacknowledged(5))).toBe(
      'Acknowledgement by bob withdrawn by escalation, back to triaged: acknowledgement timed out',
    );
  });

  it('tells a waived review and a link to another incident', () => {
    const waived = event('ReviewWaived', { reason: 'a flapping alert', waivedBy: 'carol', waivedAt: minute(9) });
    expect(describeEvent(waived)).toBe('Review waived by carol: a flapping alert');
    const linked = event('IncidentLinked', {
      linkedIncidentId: 'i-7',
      relation: 'recurrence_of',
      note: null,
      linkedBy: 'carol',
      linkedAt: minute(10),
    });
    expect(describeEvent(linked)).toBe('Linked by carol as recurrence of incident i-7');
  });

  it('says who must approve what, and who decided for whom', () => {
    const requested = event('RemediationApprovalRequested', {
      remediationId: 'rem-1',
      requestedFrom: 'contact-acme-cfo',
      monthlyCostDelta: 420,
      currency: 'EUR',
      validUntil: minute(60),
      requestedAt: minute(1),
    });
    expect(describeEvent(requested)).toBe(
      `Approval of remediation rem-1 requested from contact-acme-cfo, monthly cost +420 EUR, valid until ${minute(60)}`,
    );
    const approved = event('RemediationApproved', {
      remediationId: 'rem-1',
      approvedBy: 'erin',
      onBehalfOf: 'contact-acme-cfo',
      onBehalfReason: 'approved by phone',
      approvedAt: minute(2),
    });
    expect(describeEvent(approved)).toBe('Remediation rem-1 approved by erin for contact-acme-cfo (approved by phone)');
    const expired = event('RemediationApprovalExpired', {
      remediationId: 'rem-1',
      validUntil: minute(60),
      expiredAt: minute(61),
    });
    expect(describeEvent(expired)).toBe(`Approval request for remediation rem-1 expired (valid until ${minute(60)})`);
  });

  it('says what kind of time was logged and whose budget was overrun, and why', () => {
    const logged = event('TimeLogged', {
      responderId: 'bob',
      kind: 'investigation',
      minutes: 30,
      totalMinutes: 90,
      period: '2025-03',
      note: null,
      loggedAt: minute(5),
    });
    expect(describeEvent(logged)).toBe('bob logged 30 min of investigation work (90 min in all)');
    const exceeded = event('PreApprovedHoursExceeded', {
      customerId: 'acme',
      period: '2025-03',
      budgetMinutes: 600,
      usedMinutes: 630,
      reason: 'the customer asked us to continue',
      exceededAt: minute(5),
    });
    expect(describeEvent(exceeded)).toBe(
      'Pre-approved time of acme for 2025-03 exceeded: 630 of 600 min used: the customer asked us to continue',
    );
  });

  it('names the response team and tells a customer notification from a status update', () => {
    const assembled = event('ResponseTeamAssembled', {
      members: [
        { personId: 'alice', role: 'incident_commander' },
        { personId: 'sam', role: 'security' },
      ],
      assembledBy: 'alice',
      assembledAt: minute(2),
    });
    expect(describeEvent(assembled)).toBe(
      'Response team assembled by alice: alice (incident commander), sam (security)',
    );
    const notified = event('CustomerNotified', {
      channel: 'email',
      message: 'We are on it',
      nextUpdateDue: minute(60),
      notifiedBy: 'bob',
      notifiedAt: minute(3),
    });
    expect(describeEvent(notified)).toBe(
      `Customer notified by bob via email (next update due ${minute(60)}): We are on it`,
    );
  });

  it('says which containment was lifted and what achieved a mitigation', () => {
    const lifted = event('ContainmentLifted', {
      containmentId: 'con-1',
      liftedBy: 'alice',
      reason: 'the fix is deployed',
      liftedAt: minute(3),
    });
    expect(describeEvent(lifted)).toBe('Containment con-1 lifted by alice: the fix is deployed');
    const mitigated = event('IncidentMitigated', {
      mitigatedBy: 'alice',
      summary: 'traffic redirected',
      achievedBy: { kind: 'containment', id: 'con-1' },
      mitigatedAt: minute(4),
    });
    expect(describeEvent(mitigated)).toBe('Mitigated by alice through containment con-1: traffic redirected');
  });
});
