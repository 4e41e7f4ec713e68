import type { RunbookSet } from '@incident/directory';
import { CommandExecutor } from './command.executor';
import type { Executor } from './executor';
import { WebhookExecutor } from './webhook.executor';

/** The runbook file's executors by name, built once per applied version. */
export function createExecutors(
  set: RunbookSet,
  webhookSecret: string,
  callbackUrl: string,
): ReadonlyMap<string, Executor> {
  return new Map(
    Object.entries(set.executors).map(([name, definition]) => [
      name,
      definition.kind === 'command'
        ? new CommandExecutor(definition)
        : new WebhookExecutor(definition, webhookSecret, callbackUrl),
    ]),
  );
}
