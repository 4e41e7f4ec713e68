import { INCIDENT_EVENT_TYPES, type IncidentEvent } from '@incident/domain';
import { syntheticIncident } from '../synthetic/synthetic-incident';
import { escalatedOnTimeout, event, minute } from '../testing-support/projected';
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
    const source = event('IncidentResolved', {
      cause: 'source',
      resolvedBy: 'source',
      summary: 'alert cleared',
      reviewRequired: true,
      resolvedAt: minute(2),
    });
    expect(describeEvent(source)).toBe('Resolved at the source: alert cleared');
  });

  it('tells severity changes, reassignments and withdrawn acknowledgements', () => {
    const changed = event('SeverityChanged', {
      previousSeverity: 'high',
      severity: 'low',
      reason: 'returned to the customer',
      changedBy: 'alice',
      changedAt: minute(3),
    });
    expect(describeEvent(changed)).toBe('Severity changed from high to low by alice: returned to the customer');
    const reassigned = event('IncidentReassigned', {
      previousAssignee: 'bob',
      assigneeKind: 'team',
      assignee: 'database',
      reason: 'a database problem',
      reassignedBy: 'alice',
      reassignedAt: minute(4),
    });
    expect(describeEvent(reassigned)).toBe('Reassigned to team database by alice: a database problem');
    const unacknowledged = event('IncidentUnacknowledged', {
      previousAssignee: 'bob',
      reason: 'acknowledgement timed out',
      unacknowledgedBy: 'escalation',
      status: 'triaged',
      unacknowledgedAt: minute(5),
    });
    expect(describeEvent(unacknowledged)).toBe(
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
});
