import { eventsAfter } from '@incident/event-store';
import { describeWithInfrastructure } from '@incident/testing';
import { eventLogHead } from './projection/event-log-head';
import { ProjectionRunner } from './projection/projection-runner';
import { rebuildProjections } from './projection/rebuild';
import { snapshotTables } from './projection/snapshot-tables';
import { PROJECTIONS } from './projections';
import { appendSyntheticIncidents } from './synthetic/append-synthetic';
import { readModelFixture, type ReadModelFixture } from './testing-support/read-model-fixture';
import { applyDirectory, directoryWithCustomers } from './testing-support/read-side-story';
import { waitUntilCaughtUp } from './testing-support/wait-until-caught-up';

describeWithInfrastructure(['postgres'], 'rebuilding projections', () => {
  let fixture: ReadModelFixture;
  /** Replicas of the query service's projections, each following the log until its stop() is called. */
  const daemons: { stop(): Promise<void> }[] = [];
  const follow = (batchSize: number) => {
    const runner = new ProjectionRunner(fixture.dataSource, fixture.store, PROJECTIONS, { batchSize, idlePollMs: 20 });
    const stopping = new AbortController();
    const following = runner.follow(stopping.signal);
    const daemon = { stop: () => (stopping.abort(), following) };
    daemons.push(daemon);
    return daemon;
  };
  /** What the tables hold after a rebuild from zero with nothing else running: the reference. */
  const quietRebuild = async () => {
    await rebuildProjections(fixture.dataSource, fixture.store, PROJECTIONS, { head: eventLogHead(fixture.store) });
    return snapshotTables(fixture.dataSource, PROJECTIONS);
  };

  beforeEach(async () => {
    fixture = await readModelFixture('rebuild');
  });

  afterEach(async () => {
    await Promise.all(daemons.splice(0).map((daemon) => daemon.stop()));
    await fixture?.close();
  });

  it('while new events arrive and the service keeps projecting, converges to the rows of a quiet rebuild', async () => {
    await appendSyntheticIncidents(fixture.store, 120);
    const daemon = follow(50);
    const writing = appendSyntheticIncidents(fixture.store, 120, { firstIndex: 120, concurrency: 4 });
    // A directory version lands among the concurrent writes: rows after it count 7 pre-approved hours a month.
    const customers = Array.from({ length: 50 }, (_, n) => `customer-${n}`);
    await applyDirectory(fixture.store, directoryWithCustomers(customers, 7));
    await rebuildProjections(fixture.dataSource, fixture.store, PROJECTIONS, {
      head: eventLogHead(fixture.store),
      batchSize: 64,
    });
    await writing;
    await waitUntilCaughtUp(fixture.dataSource, fixture.store);
    await daemon.stop();
    const converged = await snapshotTables(fixture.dataSource, PROJECTIONS);

    expect(converged['incident_summary']).toHaveLength(240);
    expect(converged['customer_hours']?.some((row) => row.includes('"budget_minutes": 420'))).toBe(true);
    expect(converged).toEqual(await quietRebuild());
  });

  it('two replicas following the same projections apply every batch once', async () => {
    const writing = appendSyntheticIncidents(fixture.store, 150, { concurrency: 4 });
    follow(37);
    follow(50);
    await writing;
    await waitUntilCaughtUp(fixture.dataSource, fixture.store);
    await Promise.all(daemons.splice(0).map((daemon) => daemon.stop()));
    const followed = await snapshotTables(fixture.dataSource, PROJECTIONS);

    const timelineRows = followed['incident_timeline']!.length;
    // Caught up with nothing hidden: every event in the store is one a reader can see.
    expect(timelineRows).toBe(await eventsAfter(fixture.store, undefined));
    expect(followed).toEqual(await quietRebuild());
  });
});
