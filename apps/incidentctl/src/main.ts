import { Command } from 'commander';
import { auditKeyCommand, bundleCommand, verifyBundleCommand } from './commands/bundle.command';
import { directoryCommand } from './commands/directory.command';
import { dlqCommand } from './commands/dlq.command';
import { escalationCommand } from './commands/escalation.command';
import { integrationsCommand } from './commands/integrations.command';
import { loginLinkCommand } from './commands/login-link.command';
import { oncallCommand } from './commands/oncall.command';
import { projectionsCommand } from './commands/projections.command';
import { replayCommand } from './commands/replay.command';
import { reviewCommand } from './commands/review-policy.command';
import { runbooksCommand } from './commands/runbooks.command';
import { tokenCommand } from './commands/token.command';
import { triageCommand } from './commands/triage.command';
import { verifyCommand } from './commands/verify.command';

/** incidentctl: the operator's command line. Run it through `npm run incidentctl -- <command>`. */
const program = new Command('incidentctl')
  .description('Operate the incident platform from the command line.')
  .addCommand(tokenCommand())
  .addCommand(loginLinkCommand())
  .addCommand(replayCommand())
  .addCommand(verifyCommand())
  .addCommand(bundleCommand())
  .addCommand(verifyBundleCommand())
  .addCommand(auditKeyCommand())
  .addCommand(dlqCommand())
  .addCommand(integrationsCommand())
  .addCommand(projectionsCommand())
  .addCommand(directoryCommand())
  .addCommand(oncallCommand())
  .addCommand(escalationCommand())
  .addCommand(triageCommand())
  .addCommand(reviewCommand())
  .addCommand(runbooksCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`incidentctl: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
