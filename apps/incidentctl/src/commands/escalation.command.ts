import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { formatDirectoryError, parseDirectory, runEscalationWhatIf } from '@incident/directory';
import { formatEscalationWhatIf, parseSince } from './escalation-whatif.format';
import { withStore } from './store-from-env';

function whatIfCommand(): Command {
  return new Command('whatif')
    .description(
      'replay real history under a proposed directory: pages per person, acknowledgements that would be late',
    )
    .requiredOption('--directory <file>', 'the proposed directory YAML (validated like `directory validate`)')
    .option('--since <period>', 'how far back: 30d, 12h, 90m, or an ISO-8601 time', '30d')
    .option('--until <time>', 'the end of the period (ISO-8601); now by default')
    .option('--json', 'print JSON')
    .action(async (options: { directory: string; since: string; until?: string; json?: boolean }) => {
      const until = options.until === undefined ? new Date() : new Date(options.until);
      if (Number.isNaN(until.getTime())) throw new InvalidArgumentError('--until: use an ISO-8601 time');
      const from = parseSince(options.since, until);
      if (from === undefined) throw new InvalidArgumentError('--since: use 30d, 12h, 90m or an ISO-8601 time');
      const fileName = basename(options.directory);
      const parsed = parseDirectory(await readFile(options.directory, 'utf8'), fileName);
      if ('errors' in parsed) {
        for (const error of parsed.errors) process.stderr.write(`${formatDirectoryError(error)}\n`);
        process.exitCode = 1;
        return;
      }
      // Reads the store only: nothing is appended, no directory version is applied.
      const report = await withStore((store) => runEscalationWhatIf(store, parsed.directory, { from, until }));
      process.stdout.write(
        options.json ? `${JSON.stringify(report, null, 2)}\n` : formatEscalationWhatIf(report, fileName),
      );
    });
}

/** `incidentctl escalation whatif`: escalation policies and schedules against real history. */
export function escalationCommand(): Command {
  return new Command('escalation').description('escalation policies and on-call schedules').addCommand(whatIfCommand());
}
