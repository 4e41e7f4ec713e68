import { randomUUID } from 'node:crypto';
import { type ChangeRecorded, CHANGE_RECORDED, changeStreamId } from '@incident/domain';
import { describeWithInfrastructure } from '@incident/testing';
import { eventLogHead } from '../projection/event-log-head';
import { ProjectionRunner } from '../projection/projection-runner';
import { rebuildProjections } from '../projection/rebuild';
import { snapshotTables } from '../projection/snapshot-tables';
import { appendSyntheticIncidents } from '../synthetic/append-synthetic';
import { readModelFixture, type ReadModelFixture } from '../testing-support/read-model-fixture';
import { catchUpCompletely } from '../testing-support/wait-until-caught-up';
import { listRecentChanges } from './recent-changes.queries';
import { recentChangesProjection } from './recent-changes.projection';

const NOON = Date.parse('2026-12-03T12:00:00.000Z');
const at = (minutesBeforeNoon: number) => new Date(NOON - minutesBeforeNoon * 60_000).toISOString();

function changeOf(customerId: string, service: string, changeType: string, minutesBeforeNoon: number) {
  const data: ChangeRecorded['data'] = {
    changeId: randomUUID(),
    integrationId: 'integration-1',
    customerId,
    service,
    changeType,
    summary: `${changeType} ${service}`,
    source: 'ci',
    occurredAt: at(minutesBeforeNoon),
    details: { build: 7 },
    links: [{ href: 'https://ci.example.com/7', text: null }],
  };
  return data;
}

describeWithInfrastructure(['postgres'], 'the recent_changes read model', () => {
  let fixture: ReadModelFixture;
  const projections = [recentChangesProjection];

  beforeAll(async () => {
    fixture = await readModelFixture('recent_changes');
    // Changes among incident events: the projection takes the changes and skips the rest.
    await appendSyntheticIncidents(fixture.store, 5);
    const changes = [
      changeOf('acme', 'checkout', 'deploy', 90),
      changeOf('acme', 'checkout', 'config', 20),
      changeOf('acme', 'checkout', 'deploy', 10),
      changeOf('globex', 'storefront', 'deploy', 5),
    ];
    for (const data of changes) {
      await fixture.store.append(
        changeStreamId(data.customerId, data.service),
        [
          {
            type: CHANGE_RECORDED,
            data,
            metadata: {
              occurredAt: data.occurredAt,
              actor: { kind: 'integration', id: 'integration-1' },
              correlationId: randomUUID(),
            },
          },
        ],
        'any',
      );
    }
    // Not catchUp() alone: another suite's open transaction (same cluster, other database) can hide these events
    // from the global log for a while, and catchUp() stops at the first empty page (CI saw 0 rows that way).
    await catchUpCompletely(
      new ProjectionRunner(fixture.dataSource, fixture.store, projections, { batchSize: 3 }),
      fixture.store,
    );
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('holds one row per change, with its details and links', async () => {
    const rows = await listRecentChanges(fixture.dataSource, { kind: 'all' }, {}, 100);

    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({
      customerId: 'globex',
      service: 'storefront',
      changeType: 'deploy',
      occurredAt: new Date(at(5)),
      details: { build: 7 },
      links: [{ href: 'https://ci.example.com/7', text: null }],
    });
  });

  it('answers by service, customer, type and time window, newest first', async () => {
    const rows = await listRecentChanges(
      fixture.dataSource,
      { kind: 'all' },
      { customerId: 'acme', service: 'checkout', from: new Date(at(60)), to: new Date(at(0)) },
      100,
    );
    const deploys = await listRecentChanges(
      fixture.dataSource,
      { kind: 'all' },
      { customerId: 'acme', changeTypes: ['deploy'] },
      100,
    );

    expect(rows.map((row) => row.summary)).toEqual(['deploy checkout', 'config checkout']);
    expect(deploys.map((row) => row.occurredAt.toISOString())).toEqual([at(10), at(90)]);
  });

  it("shows a customer's token only its own changes", async () => {
    const rows = await listRecentChanges(fixture.dataSource, { kind: 'customer', customerId: 'globex' }, {}, 100);

    expect(rows.map((row) => row.customerId)).toEqual(['globex']);
  });

  it('rebuilds from zero to the same rows', async () => {
    const before = await snapshotTables(fixture.dataSource, projections);
    await rebuildProjections(fixture.dataSource, fixture.store, projections, { head: eventLogHead(fixture.store) });

    expect(await snapshotTables(fixture.dataSource, projections)).toEqual(before);
    expect(before['recent_changes']).toHaveLength(4);
  });
});
