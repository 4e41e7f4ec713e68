import type { Command } from 'commander';
import { RUNBOOKS_KIND, RunbookVersions } from '@incident/directory';
import { configFileCommand, describeConfigVersion } from './config-file-commands';

/** `none:` opens what `show` prints when no runbook file was applied (as `directory show` does). */
export const NO_RUNBOOKS = 'none: no runbook file has been applied';

/** `incidentctl runbooks validate|apply|show`: remediation's runbooks as code, versions in the event store. */
export function runbooksCommand(): Command {
  return configFileCommand({
    name: 'runbooks',
    description: 'remediation runbooks: validate, apply, show (--at a past moment)',
    kind: RUNBOOKS_KIND,
    versions: (store) => new RunbookVersions(store),
    fileHelp: 'the runbooks YAML file',
    versionOf: 'runbook',
    appliedName: 'runbooks',
    validate: {
      description: 'check a runbook file; errors name file, line and path',
      ok: ({ runbooks, executors }) => ` (${runbooks.length} runbooks, ${Object.keys(executors).length} executors)`,
    },
    show: {
      description: 'the runbooks in force now, or at a past moment',
      none: NO_RUNBOOKS,
      describe: (v) =>
        describeConfigVersion(v) + `  runbooks: ${v.summary.runbooks}  executors: ${v.summary.executors}`,
    },
  });
}
