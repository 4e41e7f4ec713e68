import { bold, step } from './lib/console.mjs';
import { infraDown, infraStatus, infraUp } from './infra/index.mjs';

export async function up() {
  const { env } = await infraUp();
  step('infra', `ready: KAFKA_BROKERS=${env.KAFKA_BROKERS}, DATABASE_URL=${redactUrl(env.DATABASE_URL)}`);
  step('infra', 'left running; stop it with npm run infra:down');
}

export async function down() {
  await infraDown();
}

export async function status() {
  for (const { name, state, log, data } of await infraStatus()) {
    process.stdout.write(`${bold(name.padEnd(9))} ${state.padEnd(40)} log: ${log}${data ? `  data: ${data}` : ''}\n`);
  }
}

export function redactUrl(url) {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
