import { recordedEvent } from '../testing-support/recorded-event';
import { UpcasterRegistry } from '../upcasting';
import { containmentAppliedV1Upcaster, incidentMitigatedV1Upcaster } from './containment-v1.upcaster';

const registry = new UpcasterRegistry([containmentAppliedV1Upcaster, incidentMitigatedV1Upcaster]);

describe('ContainmentApplied v1 → v2', () => {
  it('takes the stored event’s id as the containment id', () => {
    const v1 = {
      incidentId: '1',
      action: 'redirect_traffic',
      description: 'traffic moved to eu-central-1',
      appliedBy: 'alice',
      appliedAt: '2025-03-01T10:03:00.000Z',
    };
    const stored = recordedEvent('ContainmentApplied', 1, v1, 3);
    const upcast = registry.upcast(stored);
    expect(upcast.schemaVersion).toBe(2);
    expect(upcast.data).toEqual({ ...v1, containmentId: stored.id });
  });
});

describe('IncidentMitigated v1 → v2', () => {
  it('names no source', () => {
    const v1 = { incidentId: '1', mitigatedBy: 'alice', summary: 'traffic redirected', mitigatedAt: 't' };
    const upcast = registry.upcast(recordedEvent('IncidentMitigated', 1, v1));
    expect(upcast.schemaVersion).toBe(2);
    expect(upcast.data).toEqual({ ...v1, achievedBy: null });
  });
});
