import { Client } from 'pg';
import { createTestDatabase, describeWithInfrastructure, type TestDatabase } from '@incident/testing';

describeWithInfrastructure(['postgres'], 'the local PostgreSQL (real server)', () => {
  let database: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    database = await createTestDatabase('infra_pg');
    client = new Client({ connectionString: database.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('writes a table and reads back what was written, in its own database', async () => {
    await client.query('CREATE TABLE probe (id integer PRIMARY KEY, note text NOT NULL, at timestamptz NOT NULL)');
    const at = new Date('2026-11-22T04:00:00.000Z');
    for (let id = 1; id <= 3; id++) {
      await client.query('INSERT INTO probe (id, note, at) VALUES ($1, $2, $3)', [id, `note ${id}`, at]);
    }
    const rows = await client.query<{ id: number; note: string; at: Date }>(
      'SELECT id, note, at FROM probe ORDER BY id',
    );
    expect(rows.rows).toEqual([
      { id: 1, note: 'note 1', at },
      { id: 2, note: 'note 2', at },
      { id: 3, note: 'note 3', at },
    ]);
    const current = await client.query<{ db: string; version: string }>(
      'SELECT current_database() AS db, current_setting($1) AS version',
      ['server_version_num'],
    );
    expect(current.rows[0]?.db).toBe(database.name);
    expect(Number(current.rows[0]?.version)).toBeGreaterThanOrEqual(150000);
  });

  it('rejects a duplicate primary key, as a real server does', async () => {
    await expect(client.query("INSERT INTO probe (id, note, at) VALUES (1, 'again', now())")).rejects.toThrow(
      /duplicate key value violates unique constraint/,
    );
  });
});
