import { HashChainedEventStore, INCIDENT_UPCASTERS, PostgresEventStoreAdapter } from '@incident/event-store';
import { hiddenEvents } from '@incident/event-store/testing';
import {
  PROJECTIONS,
  appendSyntheticIncidents,
  eventLogHead,
  openReadModels,
  projectionStatus,
  rebuildProjections,
} from '@incident/read-models';
import { snapshotTables } from '@incident/read-models/testing';
import { createTestDatabase, describeWithInfrastructure, type TestDatabase } from '@incident/testing';
import type { DataSource } from 'typeorm';
import { startQueryProcess, waitForReady, type QueryProcess } from '../test-support/query-process';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithInfrastructure(['postgres', 'kafka'], 'the query process killed mid-projection', () => {
  let database: TestDatabase;
  let store: HashChainedEventStore;
  let dataSource: DataSource;
  let query: QueryProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase('query_crash');
    store = new HashChainedEventStore(await PostgresEventStoreAdapter.connect({ connectionString: database.url }), {
      upcasters: INCIDENT_UPCASTERS,
    });
    dataSource = await openReadModels({ databaseUrl: database.url });
  });

  afterAll(async () => {
    if (query && query.child.exitCode === null && query.child.signalCode === null) query.child.kill('SIGKILL');
    await dataSource?.destroy();
    await store?.close();
    await database?.drop();
  });

  const status = () => projectionStatus(dataSource, eventLogHead(store), PROJECTIONS);

  it('restarts and ends with rows identical to a rebuild from zero', async () => {
    let appended = 0;
    while (appended < 20_000) {
      await appendSyntheticIncidents(store, 400, { firstIndex: appended, onAppended: (n) => (appended += n) });
    }

    // Small batches: many transactions, so the kill lands between and inside them.
    const env = { PROJECTION_BATCH_SIZE: '100' };
    query = await startQueryProcess(database.url, env);
    await waitForReady(query);
    let progress = await status();
    while (!progress.some((projection) => projection.eventsProcessed >= 3_000)) {
      if (progress.every((projection) => projection.behind === 0)) throw new Error('caught up before the kill');
      await pause(20);
      progress = await status();
    }
    expect(progress.every((projection) => projection.behind > 0)).toBe(true);
    query.child.kill('SIGKILL');
    await query.exited;
    const atKill = await status();
    expect(atKill.some((projection) => projection.behind > 0)).toBe(true);

    query = await startQueryProcess(database.url, env);
    await waitForReady(query);
    const deadline = Date.now() + 120_000;
    // "Behind 0" counts the events a reader can see; none may be hidden behind another suite's open transaction.
    while (!(await status()).every((projection) => projection.behind === 0) || (await hiddenEvents(store)) > 0) {
      if (Date.now() > deadline) throw new Error(`not caught up after restart:\n${query.logs()}`);
      await pause(100);
    }
    query.child.kill('SIGTERM');
    await query.exited;
    const afterRestart = await snapshotTables(dataSource, PROJECTIONS);

    await rebuildProjections(dataSource, store, PROJECTIONS, { head: eventLogHead(store), batchSize: 1000 });
    const rebuilt = await snapshotTables(dataSource, PROJECTIONS);

    expect(afterRestart['incident_timeline']).toHaveLength(appended);
    for (const table of Object.keys(rebuilt))
      expect({ table, rows: afterRestart[table] }).toEqual({ table, rows: rebuilt[table] });
  });
});
