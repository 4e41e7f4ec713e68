import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import {
  formatTriageRulesError,
  parseTriageRules,
  type TriageRuleSet,
  type TriageRuleSetVersion,
  type TriageRulesError,
  triageRulesDiff,
  TriageRuleVersions,
} from '@incident/directory';
import { withStore } from './store-from-env';

/** `none:` opens what `show` prints when no rule set was applied (as `directory show` does). */
export const NO_TRIAGE_RULES = 'none: no triage rule set has been applied';

function printErrors(errors: readonly TriageRulesError[]): void {
  for (const error of errors) process.stderr.write(`${formatTriageRulesError(error)}\n`);
  process.stderr.write(`${errors.length} error(s)\n`);
  process.exitCode = 1;
}

const describeVersion = (v: TriageRuleSetVersion, ruleSet: TriageRuleSet): string =>
  `version ${v.version}  sha256 ${v.sha256}  ${v.fileName}\n` +
  `applied ${v.appliedAt} by ${v.appliedBy.kind} ${v.appliedBy.id}\n` +
  `  rules: ${v.summary.rules} (${ruleSet.rules.map((rule) => rule.id).join(', ')})\n` +
  `  drillScenarios: ${v.summary.drillScenarios}`;

/** Reads and parses a rule file; on errors prints them (exit code 1) and gives undefined. */
async function parseRulesFile(
  file: string,
): Promise<{ text: string; fileName: string; ruleSet: TriageRuleSet } | undefined> {
  const text = await readFile(file, 'utf8');
  const fileName = basename(file);
  const parsed = parseTriageRules(text, fileName);
  if ('errors' in parsed) return void printErrors(parsed.errors);
  return { text, fileName, ruleSet: parsed.ruleSet };
}

const fileCommand = (name: string, description: string): Command =>
  new Command(name).description(description).argument('<file>', 'the triage rules YAML file');

function parseInstant(value: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new InvalidArgumentError('use an ISO-8601 time, e.g. 2026-11-22T04:00:00Z');
  return at;
}

function validateCommand(): Command {
  return fileCommand('validate', 'check a rule file; errors name file, line and path').action(async (file: string) => {
    const parsed = await parseRulesFile(file);
    if (parsed) process.stdout.write(`${parsed.fileName}: OK (${parsed.ruleSet.rules.length} rules)\n`);
  });
}

function diffCommand(): Command {
  return fileCommand(
    'diff',
    'what applying a file would change, against the version in force (+ added, - removed, ~ changed or moved)',
  ).action(async (file: string) => {
    const parsed = await parseRulesFile(file);
    if (!parsed) return;
    const current = await withStore(async (store) => {
      const versions = new TriageRuleVersions(store);
      const version = await versions.versionAt();
      return version && { version, ruleSet: versions.valueOf(version) };
    });
    const changes = triageRulesDiff(current?.ruleSet, parsed.ruleSet);
    const against = current ? `version ${current.version.version}` : 'no version (none applied yet)';
    process.stdout.write(
      `against ${against}: ${changes.length === 0 ? 'no changes' : `${changes.length} change(s)`}\n`,
    );
    for (const change of changes) process.stdout.write(`${change}\n`);
  });
}

function applyCommand(): Command {
  return fileCommand('apply', 'record a file as the next rule-set version (the same file twice makes no new version)')
    .option('--as <who>', 'who applies it (recorded as the actor)', userInfo().username)
    .action(async (file: string, options: { as: string }) => {
      const text = await readFile(file, 'utf8');
      const fileName = basename(file);
      const outcome = await withStore((store) =>
        new TriageRuleVersions(store).apply(text, fileName, {
          actor: { kind: 'user', id: options.as },
          correlationId: randomUUID(),
          occurredAt: new Date().toISOString(),
        }),
      );
      if ('errors' in outcome) return printErrors(outcome.errors);
      process.stdout.write(
        outcome.applied
          ? `applied: triage rules version ${outcome.version.version} (sha256 ${outcome.version.sha256})\n`
          : `unchanged: ${fileName} is version ${outcome.version.version} already\n`,
      );
    });
}

function showCommand(): Command {
  return new Command('show')
    .description('the rule set in force now, or at a past moment')
    .option('--at <time>', 'the version in force at this time (ISO-8601)', parseInstant)
    .option('--yaml', 'print the version’s YAML text exactly as applied')
    .action(async (options: { at?: Date; yaml?: boolean }) => {
      const shown = await withStore(async (store) => {
        const versions = new TriageRuleVersions(store);
        const version = await versions.versionAt(options.at);
        return version && { version, ruleSet: versions.valueOf(version) };
      });
      if (!shown) return void process.stdout.write(`${NO_TRIAGE_RULES}\n`);
      process.stdout.write(options.yaml ? shown.version.yaml : `${describeVersion(shown.version, shown.ruleSet)}\n`);
    });
}

/** `incidentctl triage rules validate|diff|apply|show`: the triage rules as code, versions in the event store. */
export function triageRulesCommand(): Command {
  return new Command('rules')
    .description('the triage rule set: validate, diff, apply, show (--at a past moment)')
    .addCommand(validateCommand())
    .addCommand(diffCommand())
    .addCommand(applyCommand())
    .addCommand(showCommand());
}
