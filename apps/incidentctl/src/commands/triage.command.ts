import { Command } from 'commander';
import { triageRulesCommand } from './triage-rules.command';

/** `incidentctl triage …`: the triage rules (and, beside them, what-if). */
export function triageCommand(): Command {
  return new Command('triage').description('triage: its rules as code').addCommand(triageRulesCommand());
}
