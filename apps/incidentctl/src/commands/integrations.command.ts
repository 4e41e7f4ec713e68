import { Command, InvalidArgumentError, Option } from 'commander';
import { CreateIntegrationDto, type Integration, IntegrationRepository, validateContract } from '@incident/contracts';
import { AUTO_RESOLVE_POLICIES, INCIDENT_CATEGORIES, type AutoResolve, type IncidentCategory } from '@incident/domain';

/** The intake's own table, through the one module that defines it (@incident/contracts), so they cannot drift. */
async function withRepository<T>(work: (repository: IntegrationRepository) => Promise<T>): Promise<T> {
  const connectionString = process.env['DATABASE_URL'];
  if (!connectionString) {
    throw new Error(
      'DATABASE_URL is not set. Run through `npm run incidentctl -- …`, which reads .data/infra.env, or ' +
        '`export $(cat .data/infra.env | xargs)` after `npm run infra:up`.',
    );
  }
  const repository = await IntegrationRepository.connect(connectionString);
  try {
    return await work(repository);
  } finally {
    await repository.close();
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
  autoResolve?: AutoResolve;
}

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
    .addOption(
      new Option(
        '--auto-resolve <policy>',
        "whether the source's resolve resolves the incident (default always)",
      ).choices(AUTO_RESOLVE_POLICIES),
    )
    .action(async (options: CreateOptions) => {
      // The very contract of POST /v1/integrations: the CLI accepts exactly what the API accepts.
      const checked = await validateContract(CreateIntegrationDto, {
        name: options.name,
        source: options.source,
        customerId: options.customer,
        service: options.service,
        defaultCategory: options.category,
        groupBy: options.groupBy,
        ...(options.autoResolve ? { autoResolve: options.autoResolve } : {}),
      });
      if (!checked.ok) throw new InvalidArgumentError(`not a valid integration:\n  ${checked.errors.join('\n  ')}`);
      const { integration, key } = await withRepository((repository) =>
        repository.create({ ...checked.value, groupBy: checked.value.groupBy ?? [] }),
      );
      process.stdout.write(
        `integration ${integration.id}\nkey ${key}\n(store the key now: it cannot be shown again)\n`,
      );
    });
}

const describeIntegration = (integration: Integration): string =>
  `${integration.id}  ${integration.name}  source ${integration.source}  customer ${integration.customerId}` +
  `  service ${integration.service}  auto-resolve ${integration.autoResolve}  key ${integration.keyPrefix}…  ` +
  (integration.revokedAt ? `revoked ${integration.revokedAt}` : 'active');

function listCommand(): Command {
  return new Command('list')
    .description('list integrations (never their keys)')
    .option('--json', 'one JSON object per line, as GET /v1/integrations returns them')
    .action(async (options: { json?: boolean }) => {
      const integrations = await withRepository((repository) => repository.list());
      for (const integration of integrations) {
        process.stdout.write(`${options.json ? JSON.stringify(integration) : describeIntegration(integration)}\n`);
      }
    });
}

function revokeCommand(): Command {
  return new Command('revoke')
    .description('revoke an integration key: its publishers get 403 (within 10 s on running intake replicas)')
    .argument('<id>', 'the integration id, as list prints it')
    .action(async (id: string) => {
      const revoked = await withRepository((repository) => repository.revoke(id));
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
