import type { RecordedEvent } from '../envelope';
import { UpcasterRegistry } from '../upcasting';
import { incidentResolvedV1Upcaster } from './incident-resolved-v1.upcaster';

const recorded = (schemaVersion: number, data: unknown) =>
  ({ type: 'IncidentResolved', schemaVersion, data }) as RecordedEvent;

const v1 = {
  incidentId: '1',
  cause: 'responder',
  resolvedBy: 'alice',
  summary: 'pods restarted',
  resolvedAt: '2026-11-22T04:00:00.000Z',
};

describe('IncidentResolved v1 → v2', () => {
  const registry = new UpcasterRegistry([incidentResolvedV1Upcaster]);

  it('requires a review, as every resolution did before issue 13', () => {
    const upcast = registry.upcast(recorded(1, v1));
    expect(upcast.schemaVersion).toBe(2);
    expect(upcast.data).toEqual({ ...v1, reviewRequired: true });
  });

  it('keeps what a version 1 event written in the new shape says', () => {
    expect(registry.upcast(recorded(1, { ...v1, reviewRequired: false })).data).toMatchObject({
      reviewRequired: false,
    });
  });

  it('is written as version 2 from now on', () => {
    expect(registry.currentVersion('IncidentResolved')).toBe(2);
  });
});
