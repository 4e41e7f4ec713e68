import { describeWithInfrastructure } from '@incident/testing';
import { IncidentSummary } from '../incident-summary/incident-summary.entity';
import { readModelFixture, type ReadModelFixture } from '../testing-support/read-model-fixture';
import { insertRows, upsertRows } from './upsert-rows';

/** A summary row with every kind of column filled: text, integers, booleans, timestamps, jsonb. */
function fullRow(incidentId: string): IncidentSummary {
  return Object.assign(new IncidentSummary(), {
    incidentId,
    status: 'acknowledged',
    severity: 'high',
    category: 'availability.downtime',
    team: 'platform',
    customerId: 'acme',
    service: 'checkout',
    // Quotes, a backslash, a newline, non-ASCII and an emoji: what hand-built JSON gets wrong first.
    title: 'Checkout "502" \\ spikes\nin Zürich 🚨',
    source: 'alertmanager',
    dedupKey: 'k-1',
    alertCount: 3,
    reopenCount: 0,
    pageCount: 2,
    escalationLevel: 1,
    assignee: 'alice',
    assigneeKind: 'person',
    assignedAt: new Date('2026-12-04T10:01:02.345Z'),
    drill: false,
    slaBreached: true,
    loggedMinutes: 15,
    reviewRequired: true,
    disposition: null,
    dispositionReason: null,
    lastCustomerUpdateAt: new Date('2026-12-04T10:05:00.000Z'),
    nextCustomerUpdateDue: new Date('2026-12-04T10:35:00.000Z'),
    links: [{ incidentId: 'other', relation: 'recurs' }],
    ruleId: 'downtime',
    ruleSetVersion: 4,
    openedAt: new Date('2026-12-04T10:00:00.001Z'),
    triagedAt: new Date('2026-12-04T10:00:00.500Z'),
    acknowledgedAt: new Date('2026-12-04T10:01:02.345Z'),
    mitigatedAt: null,
    resolvedAt: null,
    closedAt: null,
    reopenedAt: null,
    lastEventAt: new Date('2026-12-04T10:05:00.000Z'),
    lastRevision: 9,
  });
}

describeWithInfrastructure(['postgres'], 'upsertRows and insertRows (one JSON parameter per chunk)', () => {
  let fixture: ReadModelFixture;
  const load = (incidentId: string) =>
    fixture.dataSource.getRepository(IncidentSummary).findOneByOrFail({ incidentId });

  beforeAll(async () => {
    fixture = await readModelFixture('upsert_rows');
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('writes every column as it was, nulls included', async () => {
    const row = fullRow('upsert-1');
    await fixture.dataSource.transaction((manager) => insertRows(manager, IncidentSummary, [row]));
    expect(await load('upsert-1')).toEqual(row);
  });

  it('sets a column back to null on upsert, and changes the others', async () => {
    const row = fullRow('upsert-2');
    await fixture.dataSource.transaction((manager) => upsertRows(manager, IncidentSummary, [row]));
    const changed = Object.assign(fullRow('upsert-2'), {
      status: 'resolved',
      assignee: null,
      assigneeKind: null,
      assignedAt: null,
      severity: null,
      resolvedAt: new Date('2026-12-04T11:00:00.000Z'),
      links: [],
      lastRevision: 12,
    });
    await fixture.dataSource.transaction((manager) => upsertRows(manager, IncidentSummary, [changed]));
    expect(await load('upsert-2')).toEqual(changed);
  });

  it('writes more rows than one statement takes, each its own', async () => {
    const rows = Array.from({ length: 2_345 }, (_, index) =>
      Object.assign(fullRow(`bulk-${index}`), { alertCount: index, assignee: index % 2 === 0 ? null : `p${index}` }),
    );
    await fixture.dataSource.transaction((manager) => upsertRows(manager, IncidentSummary, rows));
    for (const index of [0, 1, 1_999, 2_000, 2_344]) {
      expect(await load(`bulk-${index}`)).toEqual(rows[index]);
    }
  });

  it('refuses a duplicate on insert, and the transaction writes nothing', async () => {
    const rows = [fullRow('dup-new'), fullRow('upsert-1')];
    await expect(
      fixture.dataSource.transaction((manager) => insertRows(manager, IncidentSummary, rows)),
    ).rejects.toThrow(/duplicate key/);
    expect(await fixture.dataSource.getRepository(IncidentSummary).findOneBy({ incidentId: 'dup-new' })).toBeNull();
  });
});
