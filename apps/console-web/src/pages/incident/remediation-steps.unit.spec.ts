import type { TimelineEntry } from '../../api/types';
import { customerUpdates, remediationSteps } from './remediation-steps';

let revision = 0;
const entry = (eventType: string, details: Record<string, unknown>, actor = 'runbook'): TimelineEntry => ({
  streamRevision: revision++,
  eventId: `e${revision}`,
  eventType,
  summary: eventType,
  occurredAt: `2026-12-03T12:00:0${revision % 10}Z`,
  recordedAt: `2026-12-03T12:00:0${revision % 10}Z`,
  actor: { kind: 'user', id: actor },
  details,
});

describe('remediationSteps', () => {
  it('follows a remediation from proposal through approval to execution', () => {
    const steps = remediationSteps([
      entry('RemediationProposed', { remediationId: 'r1', action: 'resize', description: 'bigger database' }),
      entry('RemediationApprovalRequested', { remediationId: 'r1', requestedFrom: 'ops@acme' }),
      entry('RemediationApproved', { remediationId: 'r1', approvedBy: 'ops@acme' }),
      entry('RemediationExecuted', { remediationId: 'r1' }),
      entry('IncidentAcknowledged', {}),
    ]);

    expect(steps).toEqual([
      expect.objectContaining({
        kind: 'remediation',
        id: 'r1',
        action: 'resize',
        description: 'bigger database',
        status: 'executed',
        approval: 'approved by ops@acme',
      }),
    ]);
  });

  it('keeps containments apart from remediations', () => {
    const steps = remediationSteps([
      entry('ContainmentApplied', { containmentId: 'c1', action: 'isolate', description: 'cut off node 3' }),
      entry('ContainmentLifted', { containmentId: 'c1' }),
    ]);

    expect(steps).toEqual([expect.objectContaining({ kind: 'containment', id: 'c1', status: 'lifted' })]);
  });
});

describe('customerUpdates', () => {
  it('keeps notifications and customer status updates, not internal ones', () => {
    const updates = customerUpdates([
      entry('CustomerNotified', { channel: 'email' }),
      entry('StatusUpdatePosted', { audience: 'internal', message: 'looking' }),
      entry('StatusUpdatePosted', { audience: 'customer', message: 'we are on it' }),
    ]);

    expect(updates.map((update) => update.eventType)).toEqual(['CustomerNotified', 'StatusUpdatePosted']);
  });
});
