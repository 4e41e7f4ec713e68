import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestEventStore, type TestEventStore } from '@incident/event-store/testing';
import { describeWithInfrastructure } from '@incident/testing';
import { DirectoryReader } from './directory-reader';
import { DirectoryVersions } from './versions/directory-versions';

const example = readFileSync(join(__dirname, '../../../config/directory.example.yaml'), 'utf8');
const context = {
  actor: { kind: 'user' as const, id: 'admin-1' },
  correlationId: 'c',
  occurredAt: '2026-11-22T04:00:00Z',
};

describeWithInfrastructure(['postgres'], 'DirectoryReader', () => {
  let eventStore: TestEventStore;
  let reader: DirectoryReader;
  let versions: DirectoryVersions;

  beforeAll(async () => {
    eventStore = await createTestEventStore('directory_reader');
    reader = new DirectoryReader(eventStore.store);
    versions = new DirectoryVersions(eventStore.store);
  });

  afterAll(async () => {
    await eventStore?.close();
  });

  it('holds nothing while no version was applied', async () => {
    await expect(reader.refresh()).resolves.toBe(false);
    expect(reader.current()).toBeUndefined();
  });

  it('loads a version once it is applied, and only once', async () => {
    await versions.apply(example, 'directory.example.yaml', context);

    await expect(reader.refresh()).resolves.toBe(true);
    await expect(reader.refresh()).resolves.toBe(false);
    expect(reader.current()?.version.version).toBe(1);
    expect(reader.current()?.directory.teams.map((team) => team.id)).toContain('security');
  });

  it('reloads when a newer version is applied', async () => {
    await versions.apply(example.replace('name: Database on-call', 'name: DBA on-call'), 'directory.yaml', context);

    await expect(reader.refresh()).resolves.toBe(true);
    expect(reader.current()?.version.version).toBe(2);
    expect(reader.current()?.directory.schedules[2]?.name).toBe('DBA on-call');
  });
});
