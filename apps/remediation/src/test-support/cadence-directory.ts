import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The example directory with a one-minute cadence between customer updates for `high` incidents (the shortest
 * the directory allows), so that the reminder and the breach come within a test, and Acme's availability
 * notices also posted to `statusWebhook`.
 */
export function cadenceDirectory(statusWebhook: string): string {
  const example = readFileSync(join(__dirname, '../../../../config/directory.example.yaml'), 'utf8');
  const oneMinute = example.replace(
    /high: \{ acknowledgeWithinMinutes: (\d+), resolveWithinMinutes: (\d+), customerUpdateEveryMinutes: \d+ \}/,
    'high: { acknowledgeWithinMinutes: $1, resolveWithinMinutes: $2, customerUpdateEveryMinutes: 1 }',
  );
  const withWebhook = oneMinute.replace(
    '    availabilityNotifications: [ops@acme.example]\n',
    `    availabilityNotifications: [ops@acme.example]\n    availabilityWebhooks: ['${statusWebhook}']\n`,
  );
  if (withWebhook === oneMinute || oneMinute === example) throw new Error('the example directory changed shape');
  return withWebhook;
}
