import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { IntegrationRepository } from '@incident/contracts';
import { createTestDatabase, describeWithInfrastructure, type TestDatabase } from '@incident/testing';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'apps/incidentctl/dist/main.js');

describeWithInfrastructure(['postgres'], 'incidentctl integrations (built CLI, the intake’s own table module)', () => {
  let database: TestDatabase;
  let repository: IntegrationRepository;
  const cli = (...args: string[]) =>
    run(process.execPath, [CLI, 'integrations', ...args], { env: { ...process.env, DATABASE_URL: database.url } });

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npm test builds)`);
    database = await createTestDatabase('incidentctl_integrations');
    repository = await IntegrationRepository.connect(database.url);
  });
  afterAll(async () => {
    await repository?.close();
    await database?.drop();
  });

  it('creates a key that the intake’s key check accepts, then lists and revokes it as the API would', async () => {
    const created = await cli(
      'create',
      '--name=prometheus',
      '--source=alertmanager',
      '--customer=acme',
      '--service=postgres',
      '--category=resources.exhausted',
      '--group-by=alertname, customer',
      '--auto-resolve=unacknowledged',
    );
    const [, id, key] = /^integration (\S+)\nkey ([0-9a-f]{32})\n/.exec(created.stdout) ?? [];
    expect(await repository.findByKey(key ?? '')).toMatchObject({
      id,
      name: 'prometheus',
      customerId: 'acme',
      defaultCategory: 'resources.exhausted',
      groupBy: ['alertname', 'customer'],
      autoResolve: 'unacknowledged',
      revokedAt: null,
    });

    const listed = (await cli('list', '--json')).stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(listed).toEqual(JSON.parse(JSON.stringify(await repository.list())));

    await cli('revoke', id ?? '');
    expect((await repository.findByKey(key ?? ''))?.revokedAt).toEqual(expect.any(String));
  });

  it('refuses what POST /v1/integrations refuses, naming the field, and stores nothing', async () => {
    const before = await repository.list();
    const refused = cli(
      'create',
      `--name=${'n'.repeat(201)}`,
      '--source=generic',
      '--customer=acme',
      '--service=web',
      '--category=defect.bug',
    );
    await expect(refused).rejects.toMatchObject({ stderr: expect.stringMatching(/name: name must be shorter/) });
    expect(await repository.list()).toEqual(before);
  });
});
