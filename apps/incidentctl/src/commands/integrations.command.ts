import { createHash, randomBytes } from 'node:crypto';
import { Command, InvalidArgumentError, Option } from 'commander';
import { Client } from 'pg';
import { INCIDENT_CATEGORIES, type IncidentCategory } from '@incident/domain';

/*
 * The same table the intake service creates (apps/intake/src/integrations/integration-repository.ts): apps do
 * not import each other, so the few statements the CLI needs are repeated here and must stay in step.
 */
const SCHEMA = `
  CREATE SCHEMA IF NOT EXISTS intake;
  CREATE TABLE IF NOT EXISTS intake.integrations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL,
    source text NOT NULL,
    customer_id text NOT NULL,
    service text NOT NULL,
    default_category text NOT NULL,
    group_by text[] NOT NULL DEFAULT '{}',
    key_hash text NOT NULL UNIQUE,
    key_prefix text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
  );`;

async function withDatabase<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const connectionString = process.env['DATABASE_URL'];
  if (!connectionString) {
    throw new Error(
      'DATABASE_URL is not set. Run through `npm run incidentctl -- …`, which reads .data/infra.env, or ' +
        '`export $(cat .data/infra.env | xargs)` after `npm run infra:up`.',
    );
  }
  const client = new Client({ connectionString });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('intake.integrations'))`);
    await client.query(SCHEMA);
    await client.query(`SELECT pg_advisory_unlock(hashtext('intake.integrations'))`);
    return await work(client);
  } finally {
    await client.end();
  }
}

function parseCategory(value: string): IncidentCategory {
  if (!(INCIDENT_CATEGORIES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`use one of ${INCIDENT_CATEGORIES.join(', ')}`);
  }
  return value as IncidentCategory;
}

const parseLabels = (value: string): string[] =>
  value
    .split(',')
    .map((label) => label.trim())
    .filter((label) => label !== '');

interface CreateOptions {
  name: string;
  source: string;
  customer: string;
  service: string;
  category: IncidentCategory;
  groupBy: string[];
}

const COLUMNS =
  'id, name, source, customer_id, service, default_category, group_by, key_prefix, created_at, revoked_at';

function createCommand(): Command {
  return new Command('create')
    .description('create an integration key; it is printed once and stored only as a hash')
    .addOption(new Option('--name <name>', 'a name for people').makeOptionMandatory())
    .addOption(new Option('--source <source>', 'alertmanager, pagerduty, generic, tickets, …').makeOptionMandatory())
    .addOption(
      new Option('--customer <id>', 'the customer its alerts belong to (* lets each alert say)').makeOptionMandatory(),
    )
    .addOption(new Option('--service <service>', 'the service when an alert names none').makeOptionMandatory())
    .addOption(
      new Option('--category <category>', 'the category when an alert names none')
        .argParser(parseCategory)
        .makeOptionMandatory(),
    )
    .option('--group-by <labels>', 'comma-separated labels whose values select the incident', parseLabels, [])
    .action(async (options: CreateOptions) => {
      const key = randomBytes(16).toString('hex');
      const hash = createHash('sha256').update(key, 'utf8').digest('hex');
      const row = await withDatabase(async (client) => {
        const { rows } = await client.query<{ id: string }>(
          `INSERT INTO intake.integrations (name, source, customer_id, service, default_category, group_by, key_hash, key_prefix)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [
            options.name,
            options.source,
            options.customer,
            options.service,
            options.category,
            options.groupBy,
            hash,
            key.slice(0, 6),
          ],
        );
        return rows[0];
      });
      process.stdout.write(`integration ${row?.id}\nkey ${key}\n(store the key now: it cannot be shown again)\n`);
    });
}

function listCommand(): Command {
  return new Command('list')
    .description('list integrations (never their keys)')
    .option('--json', 'one JSON object per line')
    .action(async (options: { json?: boolean }) => {
      const rows = await withDatabase(
        async (client) =>
          (await client.query(`SELECT ${COLUMNS} FROM intake.integrations ORDER BY created_at, id`)).rows,
      );
      for (const row of rows as Record<string, unknown>[]) {
        if (options.json) process.stdout.write(`${JSON.stringify(row)}\n`);
        else {
          const state = row['revoked_at'] ? `revoked ${(row['revoked_at'] as Date).toISOString()}` : 'active';
          process.stdout.write(
            `${String(row['id'])}  ${String(row['name'])}  source ${String(row['source'])}  customer ${String(row['customer_id'])}` +
              `  service ${String(row['service'])}  key ${String(row['key_prefix'])}…  ${state}\n`,
          );
        }
      }
    });
}

function revokeCommand(): Command {
  return new Command('revoke')
    .description('revoke an integration key: its publishers get 403 (within 10 s on running intake replicas)')
    .argument('<id>', 'the integration id, as list prints it')
    .action(async (id: string) => {
      const revoked = await withDatabase(
        async (client) =>
          (
            await client.query(
              `UPDATE intake.integrations SET revoked_at = COALESCE(revoked_at, now()) WHERE id::text = $1 RETURNING id`,
              [id],
            )
          ).rowCount,
      );
      if (!revoked) throw new Error(`no integration ${id}`);
      process.stdout.write(`integration ${id} revoked\n`);
    });
}

/** `incidentctl integrations create|list|revoke`, straight against the intake's table (DATABASE_URL). */
export function integrationsCommand(): Command {
  return new Command('integrations')
    .description('manage integration keys of alert publishers')
    .addCommand(createCommand())
    .addCommand(listCommand())
    .addCommand(revokeCommand());
}
