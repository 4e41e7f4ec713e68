import { recordedEvent } from '../testing-support/recorded-event';
import { UpcasterRegistry } from '../upcasting';
import { INCIDENT_UPCASTERS } from './incident-upcasters';

const registry = new UpcasterRegistry(INCIDENT_UPCASTERS);

describe('ReviewPublished v2 → v3 (issue 17, the printable page)', () => {
  it('reads a v2 publication with its Markdown hash and no page hash', () => {
    const v2 = {
      incidentId: '1',
      summary: 's',
      renderedSha256: 'a'.repeat(64),
      publishedBy: 'carol',
      publishedAt: 't',
    };
    const upcast = registry.upcast(recordedEvent('ReviewPublished', 2, v2));

    expect(upcast.schemaVersion).toBe(3);
    expect(upcast.data).toEqual({ ...v2, renderedHtmlSha256: null });
  });

  it('reads a v1 publication through v2 to v3, and writes new publications at v3', () => {
    const v1 = { incidentId: '1', summary: 's', publishedBy: 'carol', publishedAt: 't' };

    expect(registry.upcast(recordedEvent('ReviewPublished', 1, v1)).data).toEqual({
      ...v1,
      renderedSha256: null,
      renderedHtmlSha256: null,
    });
    expect(registry.currentVersion('ReviewPublished')).toBe(3);
  });
});
