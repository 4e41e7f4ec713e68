import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { incidentDecider, type IncidentCommand, incidentStreamId } from '@incident/domain';
import {
  HashChainedEventStore,
  INCIDENT_UPCASTERS,
  PostgresEventStoreAdapter,
  handleCommand,
} from '@incident/event-store';
import { createTestDatabase, describeWithInfrastructure, type TestDatabase } from '@incident/testing';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'apps/incidentctl/dist/main.js');

describeWithInfrastructure(['postgres'], 'incidentctl replay and verify (built CLI, real store)', () => {
  let database: TestDatabase;
  const ids = [randomUUID(), randomUUID()];
  const cli = (...args: string[]) =>
    run(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: database.url, EVENTSTORE_URL: '' } });

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npm test builds)`);
    database = await createTestDatabase('incidentctl');
    const adapter = await PostgresEventStoreAdapter.connect({ connectionString: database.url });
    let clock = new Date('2026-11-22T04:00:00.000Z');
    // The services' store (createEventStore: the platform's upcasters, hence today's schema versions), clock pinned.
    const store = new HashChainedEventStore(adapter, { upcasters: INCIDENT_UPCASTERS, now: () => clock });
    for (const incidentId of ids) {
      const handle = (command: IncidentCommand) =>
        handleCommand(store, incidentDecider, incidentStreamId(incidentId), command, {
          occurredAt: clock.toISOString(),
          actor: { kind: 'user', id: 'alice' },
          correlationId: 'c',
        });
      clock = new Date('2026-11-22T04:00:00.000Z');
      await handle({
        type: 'OpenIncident',
        data: {
          incidentId,
          dedupKey: incidentId,
          source: 's',
          customerId: 'acme',
          service: 'web',
          title: 'Web down',
          drill: true,
          alertId: `alert-${incidentId}`,
          openedAt: clock.toISOString(),
        },
      });
      clock = new Date('2026-11-22T04:10:00.000Z');
      await handle({
        type: 'AcknowledgeIncident',
        data: { incidentId, responderId: 'alice', acknowledgedAt: clock.toISOString() },
      });
    }
    await adapter.close();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('replays the timeline and the state, now and as of an earlier time', async () => {
    const now = await cli('replay', ids[0]!);
    expect(now.stdout).toMatch(/2 of 2 events/);
    expect(now.stdout).toMatch(/IncidentOpened[\s\S]*IncidentAcknowledged/);
    expect(now.stdout).toMatch(/State \(status acknowledged\)/);
    const earlier = await cli('replay', ids[0]!, '--at', '2026-11-22T04:05:00Z', '--json');
    // Customer and drill are what an IncidentOpened stamped with the wrong schema version would lose on read.
    expect(JSON.parse(earlier.stdout)).toMatchObject({
      status: 'triggered',
      incidentId: ids[0],
      customerId: 'acme',
      drill: true,
    });
  });

  it('verifies one incident and all of them, and exits 2 naming a tampered one', async () => {
    expect((await cli('verify', ids[0]!)).stdout).toMatch(/OK \(2 events\)/);
    expect((await cli('verify', '--all')).stdout).toMatch(/2 of 2 incidents verified OK/);
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    await admin.query('ALTER TABLE event_store.events DISABLE TRIGGER events_append_only');
    await admin.query(
      `UPDATE event_store.events SET data = jsonb_set(data::jsonb, '{title}', '"Nothing"') WHERE stream_id = $1`,
      [incidentStreamId(ids[1]!)],
    );
    await admin.end();
    await expect(cli('verify', '--all')).rejects.toMatchObject({
      code: 2,
      stdout: expect.stringMatching(new RegExp(`${incidentStreamId(ids[1]!)}: BROKEN at revision 0`)),
    });
  });

  it('fails with a clear message when no store is configured', async () => {
    await expect(
      run(process.execPath, [CLI, 'replay', ids[0]!], { env: { PATH: process.env['PATH'] ?? '' } }),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/DATABASE_URL \(or EVENTSTORE_URL\) is not set/),
    });
  });
});
