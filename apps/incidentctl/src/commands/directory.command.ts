import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import {
  type Directory,
  type DirectoryError,
  type DirectoryVersion,
  directoryDiff,
  directoryOf,
  DirectoryVersions,
  formatDirectoryError,
  parseDirectory,
  SUMMARY_SECTIONS,
} from '@incident/directory';
import { withStore } from './store-from-env';

/** `none:` opens what `show` prints when no version was applied: tools/start.mjs looks for it. */
export const NO_DIRECTORY = 'none: no directory version has been applied';

async function readDirectoryFile(file: string): Promise<{ text: string; fileName: string }> {
  return { text: await readFile(file, 'utf8'), fileName: basename(file) };
}

function printErrors(errors: readonly DirectoryError[]): void {
  for (const error of errors) process.stderr.write(`${formatDirectoryError(error)}\n`);
  process.stderr.write(`${errors.length} error(s)\n`);
  process.exitCode = 1;
}

const describeVersion = (v: DirectoryVersion): string =>
  `version ${v.version}  sha256 ${v.sha256}  ${v.fileName}\n` +
  `applied ${v.appliedAt} by ${v.appliedBy.kind} ${v.appliedBy.id}\n` +
  SUMMARY_SECTIONS.map((section) => `  ${section}: ${v.summary[section]}`).join('\n');

/** Reads and parses a directory file; on errors prints them (exit code 1) and gives undefined. */
async function parseDirectoryFile(file: string): Promise<{ fileName: string; directory: Directory } | undefined> {
  const { text, fileName } = await readDirectoryFile(file);
  const parsed = parseDirectory(text, fileName);
  if ('errors' in parsed) return void printErrors(parsed.errors);
  return { fileName, directory: parsed.directory };
}

/** A subcommand taking one directory file. */
const fileCommand = (name: string, description: string): Command =>
  new Command(name).description(description).argument('<file>', 'the directory YAML file');

function parseInstant(value: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new InvalidArgumentError('use an ISO-8601 time, e.g. 2026-11-22T04:00:00Z');
  return at;
}

function validateCommand(): Command {
  return fileCommand('validate', 'check a directory file; errors name file, line and path').action(
    async (file: string) => {
      const parsed = await parseDirectoryFile(file);
      if (parsed) process.stdout.write(`${parsed.fileName}: OK\n`);
    },
  );
}

function diffCommand(): Command {
  return fileCommand(
    'diff',
    'what applying a file would change, against the version in force (+ added, - removed, ~ changed)',
  ).action(async (file: string) => {
    const parsed = await parseDirectoryFile(file);
    if (!parsed) return;
    const current = await withStore((store) => new DirectoryVersions(store).versionAt());
    const changes = directoryDiff(current && directoryOf(current), parsed.directory);
    const against = current ? `version ${current.version}` : 'no version (none applied yet)';
    process.stdout.write(
      `against ${against}: ${changes.length === 0 ? 'no changes' : `${changes.length} change(s)`}\n`,
    );
    for (const change of changes) process.stdout.write(`${change}\n`);
  });
}

function applyCommand(): Command {
  return fileCommand('apply', 'record a file as the next directory version (the same file twice makes no new version)')
    .option('--as <who>', 'who applies it (recorded as the actor)', userInfo().username)
    .action(async (file: string, options: { as: string }) => {
      const { text, fileName } = await readDirectoryFile(file);
      const outcome = await withStore((store) =>
        new DirectoryVersions(store).apply(text, fileName, {
          actor: { kind: 'user', id: options.as },
          correlationId: randomUUID(),
          occurredAt: new Date().toISOString(),
        }),
      );
      if ('errors' in outcome) return printErrors(outcome.errors);
      process.stdout.write(
        outcome.applied
          ? `applied: directory version ${outcome.version.version} (sha256 ${outcome.version.sha256})\n`
          : `unchanged: ${fileName} is version ${outcome.version.version} already\n`,
      );
    });
}

function showCommand(): Command {
  return new Command('show')
    .description('the version in force now, or at a past moment')
    .option('--at <time>', 'the version in force at this time (ISO-8601)', parseInstant)
    .option('--yaml', 'print the version’s YAML text exactly as applied')
    .action(async (options: { at?: Date; yaml?: boolean }) => {
      const version = await withStore((store) => new DirectoryVersions(store).versionAt(options.at));
      if (!version) return void process.stdout.write(`${NO_DIRECTORY}\n`);
      process.stdout.write(options.yaml ? version.yaml : `${describeVersion(version)}\n`);
    });
}

/** `incidentctl directory validate|diff|apply|show`: the directory as code, versions in the event store. */
export function directoryCommand(): Command {
  return new Command('directory')
    .description('customers, teams, people, services, schedules and policies: validate, diff, apply, show')
    .addCommand(validateCommand())
    .addCommand(diffCommand())
    .addCommand(applyCommand())
    .addCommand(showCommand());
}
