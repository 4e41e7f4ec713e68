import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { type ConfigError, formatConfigError, parseRunbooks, RunbookVersions } from '@incident/directory';
import { withStore } from './store-from-env';

/** `none:` opens what `show` prints when no runbook file was applied (as `directory show` does). */
export const NO_RUNBOOKS = 'none: no runbook file has been applied';

function printErrors(errors: readonly ConfigError[]): void {
  for (const error of errors) process.stderr.write(`${formatConfigError(error)}\n`);
  process.stderr.write(`${errors.length} error(s)\n`);
  process.exitCode = 1;
}

function parseInstant(value: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new InvalidArgumentError('use an ISO-8601 time, e.g. 2026-11-22T04:00:00Z');
  return at;
}

const fileCommand = (name: string, description: string): Command =>
  new Command(name).description(description).argument('<file>', 'the runbooks YAML file');

function validateCommand(): Command {
  return fileCommand('validate', 'check a runbook file; errors name file, line and path').action(
    async (file: string) => {
      const text = await readFile(file, 'utf8');
      const parsed = parseRunbooks(text, basename(file));
      if ('errors' in parsed) return printErrors(parsed.errors);
      const { runbooks, executors } = parsed.runbookSet;
      process.stdout.write(
        `${basename(file)}: OK (${runbooks.length} runbooks, ${Object.keys(executors).length} executors)\n`,
      );
    },
  );
}

function applyCommand(): Command {
  return fileCommand('apply', 'record a file as the next runbook version (the same file twice makes no new version)')
    .option('--as <who>', 'who applies it (recorded as the actor)', userInfo().username)
    .action(async (file: string, options: { as: string }) => {
      const text = await readFile(file, 'utf8');
      const fileName = basename(file);
      const outcome = await withStore((store) =>
        new RunbookVersions(store).apply(text, fileName, {
          actor: { kind: 'user', id: options.as },
          correlationId: randomUUID(),
          occurredAt: new Date().toISOString(),
        }),
      );
      if ('errors' in outcome) return printErrors(outcome.errors);
      process.stdout.write(
        outcome.applied
          ? `applied: runbooks version ${outcome.version.version} (sha256 ${outcome.version.sha256})\n`
          : `unchanged: ${fileName} is version ${outcome.version.version} already\n`,
      );
    });
}

function showCommand(): Command {
  return new Command('show')
    .description('the runbooks in force now, or at a past moment')
    .option('--at <time>', 'the version in force at this time (ISO-8601)', parseInstant)
    .option('--yaml', 'print the version’s YAML text exactly as applied')
    .action(async (options: { at?: Date; yaml?: boolean }) => {
      const version = await withStore((store) => new RunbookVersions(store).versionAt(options.at));
      if (!version) return void process.stdout.write(`${NO_RUNBOOKS}\n`);
      const { summary } = version;
      process.stdout.write(
        options.yaml
          ? version.yaml
          : `version ${version.version}  sha256 ${version.sha256}  ${version.fileName}\n` +
              `applied ${version.appliedAt} by ${version.appliedBy.kind} ${version.appliedBy.id}\n` +
              `  runbooks: ${summary.runbooks}  executors: ${summary.executors}\n`,
      );
    });
}

/** `incidentctl runbooks validate|apply|show`: remediation's runbooks as code, versions in the event store. */
export function runbooksCommand(): Command {
  return new Command('runbooks')
    .description('remediation runbooks: validate, apply, show (--at a past moment)')
    .addCommand(validateCommand())
    .addCommand(applyCommand())
    .addCommand(showCommand());
}
