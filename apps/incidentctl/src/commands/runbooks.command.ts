import { Command } from 'commander';
import { RUNBOOKS_KIND, type RunbookSet, type RunbooksSummary, RunbookVersions } from '@incident/directory';
import {
  applyConfigCommand,
  type ConfigFileCommands,
  describeConfigVersion,
  showConfigCommand,
  validateConfigCommand,
} from './config-file-commands';

/** `none:` opens what `show` prints when no runbook file was applied (as `directory show` does). */
export const NO_RUNBOOKS = 'none: no runbook file has been applied';

const RUNBOOKS_FILE: ConfigFileCommands<RunbookSet, RunbooksSummary> = {
  kind: RUNBOOKS_KIND,
  versions: (store) => new RunbookVersions(store),
  fileHelp: 'the runbooks YAML file',
  versionOf: 'runbook',
  appliedName: 'runbooks',
};

/** `incidentctl runbooks validate|apply|show`: remediation's runbooks as code, versions in the event store. */
export function runbooksCommand(): Command {
  return new Command('runbooks')
    .description('remediation runbooks: validate, apply, show (--at a past moment)')
    .addCommand(
      validateConfigCommand(
        RUNBOOKS_FILE,
        'check a runbook file; errors name file, line and path',
        ({ runbooks, executors }) => ` (${runbooks.length} runbooks, ${Object.keys(executors).length} executors)`,
      ),
    )
    .addCommand(applyConfigCommand(RUNBOOKS_FILE))
    .addCommand(
      showConfigCommand(RUNBOOKS_FILE, {
        description: 'the runbooks in force now, or at a past moment',
        none: NO_RUNBOOKS,
        describe: (v) =>
          describeConfigVersion(v) + `  runbooks: ${v.summary.runbooks}  executors: ${v.summary.executors}`,
      }),
    );
}
