import { Command } from 'commander';
import {
  type Directory,
  DIRECTORY_KIND,
  directoryDiff,
  type DirectorySummary,
  DirectoryVersions,
  SUMMARY_SECTIONS,
} from '@incident/directory';
import {
  applyConfigCommand,
  type ConfigFileCommands,
  describeConfigVersion,
  diffConfigCommand,
  showConfigCommand,
  validateConfigCommand,
} from './config-file-commands';

/** `none:` opens what `show` prints when no version was applied: tools/start.mjs looks for it. */
export const NO_DIRECTORY = 'none: no directory version has been applied';

const DIRECTORY_FILE: ConfigFileCommands<Directory, DirectorySummary> = {
  kind: DIRECTORY_KIND,
  versions: (store) => new DirectoryVersions(store),
  fileHelp: 'the directory YAML file',
  versionOf: 'directory',
  appliedName: 'directory',
};

/** `incidentctl directory validate|diff|apply|show`: the directory as code, versions in the event store. */
export function directoryCommand(): Command {
  return new Command('directory')
    .description('customers, teams, people, services, schedules and policies: validate, diff, apply, show')
    .addCommand(
      validateConfigCommand(DIRECTORY_FILE, 'check a directory file; errors name file, line and path', () => ''),
    )
    .addCommand(
      diffConfigCommand(
        DIRECTORY_FILE,
        'what applying a file would change, against the version in force (+ added, - removed, ~ changed)',
        directoryDiff,
      ),
    )
    .addCommand(applyConfigCommand(DIRECTORY_FILE))
    .addCommand(
      showConfigCommand(DIRECTORY_FILE, {
        description: 'the version in force now, or at a past moment',
        none: NO_DIRECTORY,
        describe: (v) =>
          describeConfigVersion(v) +
          SUMMARY_SECTIONS.map((section) => `  ${section}: ${v.summary[section]}`).join('\n'),
      }),
    );
}
