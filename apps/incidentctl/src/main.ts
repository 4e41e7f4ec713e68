import { Command } from 'commander';
import { tokenCommand } from './commands/token.command';

/** incidentctl: the operator's command line. Run it through `npm run incidentctl -- <command>`. */
const program = new Command('incidentctl')
  .description('Operate the incident platform from the command line.')
  .addCommand(tokenCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`incidentctl: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
