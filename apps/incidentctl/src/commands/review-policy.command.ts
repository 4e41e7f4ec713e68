import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { Command } from 'commander';
import { type ConfigError, formatConfigError, parseReviewPolicy, ReviewPolicyVersions } from '@incident/directory';
import { withStore } from './store-from-env';

function printErrors(errors: readonly ConfigError[]): void {
  for (const error of errors) process.stderr.write(`${formatConfigError(error)}\n`);
  process.stderr.write(`${errors.length} error(s)\n`);
  process.exitCode = 1;
}

const fileCommand = (name: string, description: string): Command =>
  new Command(name).description(description).argument('<file>', 'the review policy YAML file');

function validateCommand(): Command {
  return fileCommand('validate', 'check a policy file; errors name file, line and path').action(
    async (file: string) => {
      const fileName = basename(file);
      const parsed = parseReviewPolicy(await readFile(file, 'utf8'), fileName);
      if ('errors' in parsed) return printErrors(parsed.errors);
      process.stdout.write(`${fileName}: OK (${parsed.policy.rules.length} rules)\n`);
    },
  );
}

function applyCommand(): Command {
  return fileCommand('apply', 'record a file as the next policy version (the same file twice makes no new version)')
    .option('--as <who>', 'who applies it (recorded as the actor)', userInfo().username)
    .action(async (file: string, options: { as: string }) => {
      const text = await readFile(file, 'utf8');
      const fileName = basename(file);
      const outcome = await withStore((store) =>
        new ReviewPolicyVersions(store).apply(text, fileName, {
          actor: { kind: 'user', id: options.as },
          correlationId: randomUUID(),
          occurredAt: new Date().toISOString(),
        }),
      );
      if ('errors' in outcome) return printErrors(outcome.errors);
      process.stdout.write(
        outcome.applied
          ? `applied: review policy version ${outcome.version.version} (sha256 ${outcome.version.sha256})\n`
          : `unchanged: ${fileName} is version ${outcome.version.version} already\n`,
      );
    });
}

function showCommand(): Command {
  return new Command('show').description('the policy version in force, as applied (YAML)').action(async () => {
    const version = await withStore((store) => new ReviewPolicyVersions(store).versionAt());
    if (!version) return void process.stdout.write('none: no review policy has been applied\n');
    process.stdout.write(`# version ${version.version}  sha256 ${version.sha256}  applied ${version.appliedAt}\n`);
    process.stdout.write(version.yaml);
  });
}

/** `incidentctl review policy validate|apply|show`: which resolved incidents need a review, versions in the store. */
export function reviewCommand(): Command {
  return new Command('review')
    .description('post-incident reviews: the review policy as code')
    .addCommand(
      new Command('policy')
        .description('the review policy: validate, apply, show')
        .addCommand(validateCommand())
        .addCommand(applyCommand())
        .addCommand(showCommand()),
    );
}
