import { Command, InvalidArgumentError } from 'commander';
import { OnCallQueries, type OnCallView } from '@incident/directory';
import { withStore } from './store-from-env';

function parseInstant(value: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new InvalidArgumentError('use an ISO-8601 time, e.g. 2026-12-25T12:00:00Z');
  return at;
}

/** The view as an operator reads it: each team's first page, then each schedule's people with their shift's end. */
export function formatOnCall(view: OnCallView): string {
  const lines = [`on call at ${view.at}`];
  for (const team of view.teams) {
    const first = team.pagedFirst.map((p) => `${p.personId} (${p.name}, via ${p.via.kind} ${p.via.id})`).join(', ');
    const policy = team.escalationPolicy === null ? 'no escalation policy' : `policy ${team.escalationPolicy}`;
    lines.push(`team ${team.teamId} (${team.name}), ${policy}: pages first ${first || 'nobody'}`);
  }
  for (const schedule of view.schedules) {
    lines.push(`schedule ${schedule.scheduleId} (${schedule.name}, ${schedule.timeZone})`);
    if (schedule.onCall.length === 0) lines.push('  nobody (no rotation has started)');
    for (const person of schedule.onCall) {
      const covers = person.override
        ? `override${person.layer === null ? '' : ` of layer ${person.layer}`}`
        : `layer ${person.layer ?? ''}`;
      lines.push(
        `  ${person.personId.padEnd(12)} ${person.name.padEnd(20)} ${covers.padEnd(22)} until ${person.until}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `incidentctl oncall [--team <id>] [--at <time>] [--json]`: who is on call, from the directory and overrides in the store. */
export function oncallCommand(): Command {
  return new Command('oncall')
    .description('who is on call now (or --at a moment), per schedule, and whom each team’s policy pages first')
    .option('--team <id>', 'one team, and the schedules its escalation policy names')
    .option('--at <time>', 'another moment (ISO-8601); the directory version in force then', parseInstant)
    .option('--json', 'print JSON, as GET /v1/oncall answers')
    .action(async (options: { team?: string; at?: Date; json?: boolean }) => {
      const answer = await withStore((store) => new OnCallQueries(store).view(options.at ?? new Date(), options.team));
      if (!answer.found) {
        process.stderr.write(`${answer.reason}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(options.json ? `${JSON.stringify(answer.view, null, 2)}\n` : formatOnCall(answer.view));
    });
}
