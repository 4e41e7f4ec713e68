import { Command, InvalidArgumentError } from 'commander';
import { MultiBar, Presets } from 'cli-progress';
import {
  PROJECTION_NAMES,
  eventLogHead,
  openReadModels,
  projectionStatus,
  rebuildProjections,
  selectProjections,
  type RebuildProgress,
} from '@incident/read-models';
import type { DataSource } from 'typeorm';
import { withStore } from './store-from-env';
import type { HashChainedEventStore } from '@incident/event-store';

function parseBatchSize(value: string): number {
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > 10_000)
    throw new InvalidArgumentError('a whole number, 1 to 10000');
  return size;
}

/** The read models live in DATABASE_URL's database even when the event store is EventStoreDB. */
async function withReadModels<T>(
  work: (dataSource: DataSource, store: HashChainedEventStore) => Promise<T>,
): Promise<T> {
  const databaseUrl = process.env['DATABASE_URL'];
  if (!databaseUrl) {
    throw new Error(
      'DATABASE_URL is not set: the read models live in PostgreSQL. Run through `npm run incidentctl -- …`, which ' +
        'reads .data/infra.env, or `export $(cat .data/infra.env | xargs)` after `npm run infra:up`.',
    );
  }
  return withStore(async (store) => {
    const dataSource = await openReadModels({ databaseUrl, poolSize: 8, applicationName: 'incidentctl' });
    try {
      return await work(dataSource, store);
    } finally {
      await dataSource.destroy();
    }
  });
}

const rate = (events: number, since: number) => Math.round(events / Math.max((Date.now() - since) / 1000, 0.001));

function statusCommand(): Command {
  return new Command('status')
    .description("each projection's checkpoint and how many events of the store it has not read yet")
    .action(() =>
      withReadModels(async (dataSource, store) => {
        const rows = await projectionStatus(dataSource, eventLogHead(store), selectProjections());
        const line = ([name, ...numbers]: string[]) =>
          `${(name ?? '').padEnd(18)} ${numbers.map((cell) => cell.padStart(14)).join(' ')}`;
        process.stdout.write(`${line(['projection', 'position', 'processed', 'behind', 'updated'])}\n`);
        for (const row of rows) {
          const updated = row.updatedAt.toISOString().slice(11, 19);
          const cells = [row.name, row.position ?? '-', String(row.eventsProcessed), String(row.behind), updated];
          process.stdout.write(`${line(cells)}\n`);
        }
      }),
    );
}

function rebuildCommand(): Command {
  return new Command('rebuild')
    .description('empty a projection (or all) and replay the whole event log into it from position 0')
    .argument('[name]', `one of ${PROJECTION_NAMES.join(', ')} (default: all)`)
    .option('-b, --batch-size <events>', 'events applied per transaction', parseBatchSize, 1000)
    .action((name: string | undefined, options: { batchSize: number }) =>
      withReadModels(async (dataSource, store) => {
        const projections = selectProjections(name);
        const started = Date.now();
        const bars = new MultiBar(
          {
            format: '{projection} [{bar}] {value}/{total} events | {rate} events/s | {duration_formatted}',
            stream: process.stderr,
            hideCursor: true,
            // Piped (CI, logs): a line per projection every few seconds instead of a redrawn bar.
            noTTYOutput: true,
            notTTYSchedule: 3000,
          },
          Presets.shades_classic,
        );
        const bar = new Map(
          projections.map((p) => [p.name, bars.create(1, 0, { projection: p.name.padEnd(18), rate: 0 })]),
        );
        const show = ({ projection, processed, total }: RebuildProgress) => {
          bar.get(projection)?.setTotal(Math.max(total, 1));
          bar.get(projection)?.update(processed, { rate: rate(processed, started) });
        };
        try {
          await rebuildProjections(dataSource, store, projections, {
            head: eventLogHead(store),
            batchSize: options.batchSize,
            onProgress: show,
          });
        } finally {
          bars.stop();
        }
        const status = await projectionStatus(dataSource, eventLogHead(store), projections);
        const events = status.reduce((sum, row) => sum + row.eventsProcessed, 0);
        const seconds = (Date.now() - started) / 1000;
        process.stdout.write(
          `rebuilt ${projections.length} projection(s) in ${seconds.toFixed(1)} s: ` +
            `${rate(events, started)} events/s applied in all (${status.map((s) => `${s.name} ${s.behind} behind`).join(', ')})\n`,
        );
      }),
    );
}

/** `projections status` and `projections rebuild [name]`: the read models' operator controls. */
export function projectionsCommand(): Command {
  return new Command('projections')
    .description('read-model projections: status and rebuild from position 0')
    .addCommand(statusCommand())
    .addCommand(rebuildCommand());
}
