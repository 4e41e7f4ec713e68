import { recordedEvent } from '../testing-support/recorded-event';
import { UpcasterRegistry } from '../upcasting';
import { INCIDENT_UPCASTERS } from './incident-upcasters';

const registry = new UpcasterRegistry(INCIDENT_UPCASTERS);

describe('the review events v1 → v2 (issue 17)', () => {
  it('reads a v1 root cause with no contributing factors, no evidence and an unknown fix term', () => {
    const v1 = { incidentId: '1', technique: '5_whys', whys: ['a'], rootCause: 'b', recordedBy: 'c', recordedAt: 't' };
    const upcast = registry.upcast(recordedEvent('RootCauseRecorded', 1, v1));

    expect(upcast.schemaVersion).toBe(2);
    expect(upcast.data).toEqual({ ...v1, contributingFactors: [], evidenceLinks: [], fixTerm: null });
  });

  it('reads a v1 action item without a ticket, and a v1 completion without evidence', () => {
    const added = {
      incidentId: '1',
      actionItemId: 'a',
      kind: 'patch',
      title: 't',
      owner: 'o',
      dueDate: 'd',
      addedAt: 't',
    };
    const completed = { incidentId: '1', actionItemId: 'a', completedBy: 'o', completedAt: 't' };

    expect(registry.upcast(recordedEvent('ActionItemAdded', 1, added)).data).toEqual({ ...added, ticketUrl: null });
    expect(registry.upcast(recordedEvent('ActionItemCompleted', 1, completed)).data).toEqual({
      ...completed,
      evidence: null,
    });
  });

  it('reads a v1 publication without a rendered hash', () => {
    const v1 = { incidentId: '1', summary: 's', publishedBy: 'carol', publishedAt: 't' };

    // v3 added the page's hash (review-published-v2.upcaster.unit.spec.ts).
    expect(registry.upcast(recordedEvent('ReviewPublished', 1, v1)).data).toEqual({
      ...v1,
      renderedSha256: null,
      renderedHtmlSha256: null,
    });
  });

  it('writes new review events at v2 (a publication at v3)', () => {
    expect(
      ['RootCauseRecorded', 'ActionItemAdded', 'ActionItemCompleted', 'ReviewPublished'].map((type) =>
        registry.currentVersion(type),
      ),
    ).toEqual([2, 2, 2, 3]);
  });
});
