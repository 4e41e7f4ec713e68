import { UpcasterRegistry } from './upcasting';
import { incidentOpenedV1Upcaster } from './upcasters/incident-opened-v1.upcaster';
import { recordedEvent } from './testing-support/recorded-event';

const v1 = {
  incidentId: '1',
  dedupKey: 'k',
  source: 'alertmanager',
  customer: 'acme',
  service: 'web',
  title: 'Web is down',
  category: 'availability.downtime',
  severity: 'high',
  labels: { team: 'infra' },
  openedAt: '2026-11-22T04:00:00.000Z',
};

describe('IncidentOpened v1 → v2', () => {
  const registry = new UpcasterRegistry([incidentOpenedV1Upcaster]);

  it('renames customer to customerId and adds the drill flag and alert id', () => {
    const upcast = registry.upcast(recordedEvent('IncidentOpened', 1, v1));
    expect(upcast.schemaVersion).toBe(2);
    const { customer: _customer, ...rest } = v1;
    expect(upcast.data).toEqual({ ...rest, customerId: 'acme', drill: false, alertId: null });
  });

  it('reads a v1 drill from its label', () => {
    const upcast = registry.upcast(recordedEvent('IncidentOpened', 1, { ...v1, labels: { drill: 'true' } }));
    expect(upcast.data).toMatchObject({ drill: true });
  });

  it('leaves current versions and other types alone', () => {
    const current = recordedEvent('IncidentOpened', 2, { customerId: 'acme' });
    expect(registry.upcast(current)).toBe(current);
    const other = recordedEvent('IncidentTriaged', 1, { x: 1 });
    expect(registry.upcast(other)).toBe(other);
  });

  it('refuses two upcasters for the same type and version', () => {
    expect(() => registry.register(incidentOpenedV1Upcaster)).toThrow(/two upcasters for IncidentOpened@1/);
  });

  it('names the version events are written in today', () => {
    expect(registry.currentVersion('IncidentOpened')).toBe(2);
    expect(registry.currentVersion('IncidentTriaged')).toBe(1);
  });
});
