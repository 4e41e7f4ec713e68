import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  DEFAULT_WHATIF_SINCE,
  formatTriageRulesError,
  parseTriageRules,
  runWhatIf,
  SINCE_PATTERN,
  whatIfCsv,
  whatIfPeriod,
} from '@incident/directory';
import { whatIfTable } from './triage-whatif-table';
import { withStore } from './store-from-env';

interface WhatIfOptions {
  rules: string;
  since?: string;
  from?: string;
  to?: string;
  format: 'table' | 'json' | 'csv';
  limit: number;
}

function parseSince(value: string): string {
  if (!SINCE_PATTERN.test(value)) throw new InvalidArgumentError('use a number and a unit: 12h, 30d, 2w');
  return value;
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 0) throw new InvalidArgumentError('use a whole number');
  return limit;
}

/** A bar on stderr while the global log is read (stdout stays the report, for pipes); silent when not a TTY. */
function progressBar(): { update: (events: number, total: number, incidents: number) => void; stop: () => void } {
  const bar = new SingleBar(
    { format: 'what-if [{bar}] {value}/{total} events | {incidents} incidents', stream: process.stderr },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update: (events, total, incidents) => {
      if (!started) bar.start(total, 0, { incidents: 0 });
      started = true;
      bar.setTotal(total);
      bar.update(events, { incidents });
    },
    stop: () => started && bar.stop(),
  };
}

/**
 * `incidentctl triage whatif --rules proposed.yaml`: replays the period's history from the event store through
 * the proposed rules, locally (the same runWhatIf as POST /v1/triage/whatif), and prints what would have been
 * decided differently. Reads the store, writes nothing.
 */
export function triageWhatifCommand(): Command {
  return new Command('whatif')
    .description('what a proposed rule set would have decided over real history, against what was decided')
    .requiredOption('--rules <file>', 'the proposed triage rules (YAML)')
    .option('--since <span>', `how far back from --to (12h, 30d, 2w; default ${DEFAULT_WHATIF_SINCE})`, parseSince)
    .option('--from <time>', 'incidents opened from this ISO-8601 time (instead of --since)')
    .option('--to <time>', 'incidents opened before this ISO-8601 time (default now)')
    .addOption(new Option('--format <format>', 'output').choices(['table', 'json', 'csv']).default('table'))
    .option('--limit <n>', 'table rows shown (the totals always count all)', parseLimit, 50)
    .action(async (options: WhatIfOptions) => {
      const fileName = basename(options.rules);
      const parsed = parseTriageRules(await readFile(options.rules, 'utf8'), fileName);
      if ('errors' in parsed) {
        for (const error of parsed.errors) process.stderr.write(`${formatTriageRulesError(error)}\n`);
        process.stderr.write(`${parsed.errors.length} error(s)\n`);
        process.exitCode = 1;
        return;
      }
      const period = whatIfPeriod(options, new Date());
      if ('error' in period) throw new Error(period.error);
      const bar = progressBar();
      const report = await withStore((store) =>
        runWhatIf(store, parsed.ruleSet, {
          period,
          onProgress: ({ events, total, incidents }) => bar.update(events, total, incidents),
        }),
      ).finally(() => bar.stop());
      const output =
        options.format === 'json'
          ? `${JSON.stringify(report, null, 2)}\n`
          : options.format === 'csv'
            ? whatIfCsv(report.rows)
            : whatIfTable(report, fileName, options.limit);
      process.stdout.write(output);
    });
}
