import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestEventStore, type TestEventStore } from '@incident/event-store/testing';
import { describeWithInfrastructure } from '@incident/testing';
import { directoryOf, DirectoryVersions } from './directory-versions';
import { DIRECTORY_STREAM, sha256Of } from './directory-version-applied';

const example = readFileSync(join(__dirname, '../../../../config/directory.example.yaml'), 'utf8');
const changed = example.replace('preApprovedHoursPerMonth: 10', 'preApprovedHoursPerMonth: 12');
const T = (hour: number) => new Date(Date.UTC(2026, 10, 22, hour));
const context = (hour: number) => ({
  actor: { kind: 'user' as const, id: 'admin-1' },
  correlationId: `apply-${hour}`,
  occurredAt: T(hour).toISOString(),
});

describeWithInfrastructure(['postgres'], 'directory versions in the event store', () => {
  let eventStore: TestEventStore;
  let clock = T(1);
  let versions: DirectoryVersions;

  beforeAll(async () => {
    eventStore = await createTestEventStore('directory_versions', { store: { now: () => clock } });
    versions = new DirectoryVersions(eventStore.store);
  });

  afterAll(async () => {
    await eventStore?.close();
  });

  it('has no version before the first apply', async () => {
    await expect(versions.versionAt()).resolves.toBeUndefined();
  });

  it('records the same file applied twice as one version', async () => {
    const first = await versions.apply(example, 'directory.example.yaml', context(1));
    clock = T(2);
    const second = await versions.apply(example, 'directory.example.yaml', context(2));

    expect(first).toMatchObject({ applied: true, version: { version: 1, sha256: sha256Of(example) } });
    expect(second).toMatchObject({ applied: false, version: { version: 1 } });
    await expect(eventStore.store.readStream(DIRECTORY_STREAM)).resolves.toHaveLength(1);
  });

  it('records who applied it, when, the summary and the exact text', async () => {
    const current = await versions.versionAt();

    expect(current).toMatchObject({
      version: 1,
      appliedAt: T(1).toISOString(),
      appliedBy: { kind: 'user', id: 'admin-1' },
      summary: { customers: 3, teams: 4, people: 7, services: 4, schedules: 3, escalationPolicies: 4 },
      yaml: example,
    });
  });

  it('answers which version was in force at a past moment', async () => {
    clock = T(5);
    await versions.apply(changed, 'directory.example.yaml', context(5));

    const atThree = await versions.versionAt(T(3));
    const atSix = await versions.versionAt(T(6));

    expect(atThree).toMatchObject({ version: 1, sha256: sha256Of(example) });
    expect(atSix).toMatchObject({ version: 2, sha256: sha256Of(changed) });
    expect(directoryOf(atSix!).customers[0]?.preApprovedHoursPerMonth).toBe(12);
    await expect(versions.versionAt(T(0))).resolves.toBeUndefined();
  });

  it('refuses an invalid file without appending anything', async () => {
    const outcome = await versions.apply(
      example.replace('ownerTeam: database', 'ownerTeam: dba'),
      'bad.yaml',
      context(7),
    );

    expect(outcome).toMatchObject({ errors: [{ file: 'bad.yaml', path: 'services[1].ownerTeam' }] });
    await expect(eventStore.store.readStream(DIRECTORY_STREAM)).resolves.toHaveLength(2);
  });
});
