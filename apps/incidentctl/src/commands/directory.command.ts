import type { Command } from 'commander';
import { DIRECTORY_KIND, directoryDiff, DirectoryVersions, SUMMARY_SECTIONS } from '@incident/directory';
import { configFileCommand, describeConfigVersion } from './config-file-commands';

/** `none:` opens what `show` prints when no version was applied: tools/start.mjs looks for it. */
export const NO_DIRECTORY = 'none: no directory version has been applied';

/** `incidentctl directory validate|diff|apply|show`: the directory as code, versions in the event store. */
export function directoryCommand(): Command {
  return configFileCommand({
    name: 'directory',
    description: 'customers, teams, people, services, schedules and policies: validate, diff, apply, show',
    kind: DIRECTORY_KIND,
    versions: (store) => new DirectoryVersions(store),
    fileHelp: 'the directory YAML file',
    versionOf: 'directory',
    appliedName: 'directory',
    validate: { description: 'check a directory file; errors name file, line and path', ok: () => '' },
    diff: {
      description: 'what applying a file would change, against the version in force (+ added, - removed, ~ changed)',
      changes: directoryDiff,
    },
    show: {
      description: 'the version in force now, or at a past moment',
      none: NO_DIRECTORY,
      describe: (v) =>
        describeConfigVersion(v) + SUMMARY_SECTIONS.map((section) => `  ${section}: ${v.summary[section]}`).join('\n'),
    },
  });
}
