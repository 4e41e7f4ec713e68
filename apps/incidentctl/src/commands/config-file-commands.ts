import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import {
  type ConfigError,
  type ConfigKind,
  type ConfigVersion,
  type ConfigVersions,
  formatConfigError,
} from '@incident/directory';
import type { EventStore } from '@incident/event-store';
import { withStore } from './store-from-env';

/**
 * The validate/diff/apply/show subcommands every config-as-code file shares (directory, triage rules, runbooks):
 * each command module says only what differs, its wording and how it describes a version.
 */
export interface ConfigFile<T, Summary> {
  readonly kind: ConfigKind<T, Summary>;
  readonly versions: (store: EventStore) => ConfigVersions<T, Summary>;
  /** The `<file>` argument's help, e.g. 'the directory YAML file'. */
  readonly fileHelp: string;
  /** What `apply` records a file as: 'the next <versionOf> version'. */
  readonly versionOf: string;
  /** What `apply` prints: 'applied: <appliedName> version N'. */
  readonly appliedName: string;
}

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

const fileCommand = (spec: { readonly fileHelp: string }, name: string, description: string): Command =>
  new Command(name).description(description).argument('<file>', spec.fileHelp);

/** Reads and parses a file; on errors prints them (exit code 1) and gives undefined. */
async function parseFile<T>(
  kind: ConfigKind<T, unknown>,
  file: string,
): Promise<{ fileName: string; value: T } | undefined> {
  const fileName = basename(file);
  const parsed = kind.parse(await readFile(file, 'utf8'), fileName);
  if ('errors' in parsed) return void printErrors(parsed.errors);
  return { fileName, value: parsed.value };
}

function validateConfigCommand<T, S>(spec: ConfigFile<T, S>, description: string, ok: (value: T) => string): Command {
  return fileCommand(spec, 'validate', description).action(async (file: string) => {
    const parsed = await parseFile(spec.kind, file);
    if (parsed) process.stdout.write(`${parsed.fileName}: OK${ok(parsed.value)}\n`);
  });
}

function diffConfigCommand<T, S>(
  spec: ConfigFile<T, S>,
  description: string,
  diff: (current: T | undefined, next: T) => readonly string[],
): Command {
  return fileCommand(spec, 'diff', description).action(async (file: string) => {
    const parsed = await parseFile(spec.kind, file);
    if (!parsed) return;
    const current = await withStore(async (store) => {
      const versions = spec.versions(store);
      const version = await versions.versionAt();
      return version && { version, value: versions.valueOf(version) };
    });
    const changes = diff(current?.value, parsed.value);
    const against = current ? `version ${current.version.version}` : 'no version (none applied yet)';
    process.stdout.write(
      `against ${against}: ${changes.length === 0 ? 'no changes' : `${changes.length} change(s)`}\n`,
    );
    for (const change of changes) process.stdout.write(`${change}\n`);
  });
}

function applyConfigCommand<T, S>(spec: ConfigFile<T, S>): Command {
  const description = `record a file as the next ${spec.versionOf} version (the same file twice makes no new version)`;
  return fileCommand(spec, 'apply', description)
    .option('--as <who>', 'who applies it (recorded as the actor)', userInfo().username)
    .action(async (file: string, options: { as: string }) => {
      const text = await readFile(file, 'utf8');
      const fileName = basename(file);
      const outcome = await withStore((store) =>
        spec.versions(store).apply(text, fileName, {
          actor: { kind: 'user', id: options.as },
          correlationId: randomUUID(),
          occurredAt: new Date().toISOString(),
        }),
      );
      if ('errors' in outcome) return printErrors(outcome.errors);
      process.stdout.write(
        outcome.applied
          ? `applied: ${spec.appliedName} version ${outcome.version.version} (sha256 ${outcome.version.sha256})\n`
          : `unchanged: ${fileName} is version ${outcome.version.version} already\n`,
      );
    });
}

export interface ShowOptions<T, Summary> {
  readonly description: string;
  /** Printed when no version was applied; opens with `none:`. */
  readonly none: string;
  /** `value` parses the version's YAML again, for a description that needs more than the summary. */
  readonly describe: (version: ConfigVersion<Summary>, value: () => T) => string;
}

/** The header every `show` prints: version, hash and file, then who applied it and when. */
export const describeConfigVersion = (v: ConfigVersion<unknown>): string =>
  `version ${v.version}  sha256 ${v.sha256}  ${v.fileName}\n` +
  `applied ${v.appliedAt} by ${v.appliedBy.kind} ${v.appliedBy.id}\n`;

function showConfigCommand<T, S>(spec: ConfigFile<T, S>, options: ShowOptions<T, S>): Command {
  return new Command('show')
    .description(options.description)
    .option('--at <time>', 'the version in force at this time (ISO-8601)', parseInstant)
    .option('--yaml', 'print the version’s YAML text exactly as applied')
    .action(async (flags: { at?: Date; yaml?: boolean }) => {
      const shown = await withStore(async (store) => {
        const versions = spec.versions(store);
        const version = await versions.versionAt(flags.at);
        return version && { version, versions };
      });
      if (!shown) return void process.stdout.write(`${options.none}\n`);
      const { version, versions } = shown;
      process.stdout.write(
        flags.yaml ? version.yaml : `${options.describe(version, () => versions.valueOf(version))}\n`,
      );
    });
}

/** A config-as-code command: its subcommands described by what differs from one file kind to the next. */
export interface ConfigFileCommand<T, Summary> extends ConfigFile<T, Summary> {
  readonly name: string;
  readonly description: string;
  readonly validate: { readonly description: string; readonly ok: (value: T) => string };
  /** Left out for a file kind without `diff`. */
  readonly diff?: {
    readonly description: string;
    readonly changes: (current: T | undefined, next: T) => readonly string[];
  };
  readonly show: ShowOptions<T, Summary>;
}

/** `incidentctl <name> validate|diff|apply|show`: a config file as code, its versions in the event store. */
export function configFileCommand<T, S>(spec: ConfigFileCommand<T, S>): Command {
  const command = new Command(spec.name)
    .description(spec.description)
    .addCommand(validateConfigCommand(spec, spec.validate.description, spec.validate.ok));
  if (spec.diff) command.addCommand(diffConfigCommand(spec, spec.diff.description, spec.diff.changes));
  return command.addCommand(applyConfigCommand(spec)).addCommand(showConfigCommand(spec, spec.show));
}
