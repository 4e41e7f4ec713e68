import type { RecordedEvent } from '../envelope';
import { UpcasterRegistry } from '../upcasting';
import { incidentReclassifiedV1Upcaster, incidentTriagedV1Upcaster } from './classification-v1.upcaster';

const recorded = (type: string, schemaVersion: number, data: unknown) =>
  ({ type, schemaVersion, data }) as RecordedEvent;

const v1 = {
  incidentId: '1',
  severity: 'high',
  category: 'defect.bug',
  owningTeam: 'app-support',
  ruleId: 'triage.owning-team.v1',
  preApprovedMinutes: null,
  triagedAt: '2026-11-22T04:00:00.000Z',
};

describe.each(['IncidentTriaged', 'IncidentReclassified'])('%s v1 → v2', (type) => {
  const registry = new UpcasterRegistry([incidentTriagedV1Upcaster, incidentReclassifiedV1Upcaster]);

  it('reads as decided by no applied rule-set version, without reasons, window or flags', () => {
    const upcast = registry.upcast(recorded(type, 1, v1));
    expect(upcast.schemaVersion).toBe(2);
    expect(upcast.data).toEqual({ ...v1, ruleSetVersion: null, reasons: [], maintenanceWindowId: null, flags: [] });
  });

  it('keeps what a version 1 event written in the new shape says', () => {
    const written = {
      ...v1,
      ruleSetVersion: 3,
      reasons: ['exploit'],
      maintenanceWindowId: 'acme-pg-upgrade',
      flags: ['assemble_response_team'],
    };
    expect(registry.upcast(recorded(type, 1, written)).data).toEqual(written);
  });

  it('is written as version 2 from now on', () => {
    expect(registry.currentVersion(type)).toBe(2);
  });
});
