import { Command } from 'commander';
import { directoryCommand } from './commands/directory.command';
import { dlqCommand } from './commands/dlq.command';
import { integrationsCommand } from './commands/integrations.command';
import { projectionsCommand } from './commands/projections.command';
import { replayCommand } from './commands/replay.command';
import { runbooksCommand } from './commands/runbooks.command';
import { tokenCommand } from './commands/token.command';
import { triageCommand } from './commands/triage.command';
import { verifyCommand } from './commands/verify.command';

/** incidentctl: the operator's command line. Run it through `npm run incidentctl -- <command>`. */
const program = new Command('incidentctl')
  .description('Operate the incident platform from the command line.')
  .addCommand(tokenCommand())
  .addCommand(replayCommand())
  .addCommand(verifyCommand())
  .addCommand(dlqCommand())
  .addCommand(integrationsCommand())
  .addCommand(projectionsCommand())
  .addCommand(directoryCommand())
  .addCommand(triageCommand())
  .addCommand(runbooksCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`incidentctl: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
