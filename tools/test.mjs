import { build } from './lib/build.mjs';
import { bold, elapsed, red, step } from './lib/console.mjs';
import { run } from './lib/processes.mjs';
import { localAuditSigningKey, localAuthSecret } from './lib/secrets.mjs';
import { infraDown, infraUp } from './infra/index.mjs';

const bin = (name) => `node_modules/${name}`;
const STATIC_CHECKS = [
  // The module-boundary lint rule reads Nx's project graph; without a fresh one it silently skips itself.
  {
    name: 'nx graph',
    args: [bin('nx/dist/bin/nx.js'), 'show', 'projects'],
    env: { NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  },
  { name: 'lint', args: [bin('eslint/bin/eslint.js'), '.', '--max-warnings=0'] },
  { name: 'format', args: [bin('prettier/bin/prettier.cjs'), '--check', '.', '--log-level=warn'] },
  { name: 'type-check', args: [bin('typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit'] },
  {
    name: 'type-check (console-web)',
    args: [bin('typescript/bin/tsc'), '-p', 'apps/console-web/tsconfig.json', '--noEmit'],
  },
];

/**
 * `npm test`: dependencies, the real PostgreSQL and Kafka, the build, lint, formatting and type-check, then
 * every Jest suite. A failed check does not hide the tests; the exit code reports both.
 * Extra arguments go to Jest (`npm test -- libs/domain`).
 */
export async function test(jestArgs) {
  const infra = await infraUp();
  let stopping;
  // One stop for every caller: a Ctrl-C may arrive twice (terminal and npm) while the finally block stops too.
  const stopStarted = () => (stopping ??= infra.started.length > 0 ? infraDown(infra.started) : Promise.resolve());
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => void stopStarted().then(() => process.exit(130)));
  }
  try {
    await build();
    const failed = [];
    for (const check of STATIC_CHECKS) {
      const startedAt = Date.now();
      step(check.name, 'running…');
      const code = await run(process.execPath, check.args, { env: { ...process.env, ...check.env } });
      step(check.name, code === 0 ? `passed in ${elapsed(startedAt)}` : red(`FAILED (exit ${code})`));
      if (code !== 0) failed.push(check.name);
    }
    step('jest', `unit and integration tests against the real PostgreSQL and Kafka, on Node ${process.version}…`);
    const env = {
      ...process.env,
      ...infra.env,
      AUTH_JWT_SECRET: localAuthSecret(),
      AUDIT_SIGNING_KEY: localAuditSigningKey(),
    };
    const jest = await run(process.execPath, [bin('jest/bin/jest.js'), '--ci', '--maxWorkers=2', ...jestArgs], { env });
    if (jest !== 0) failed.push('jest');
    if (failed.length > 0) process.stdout.write(`${red(bold(`npm test failed: ${failed.join(', ')}`))}\n`);
    return failed.length > 0 ? 1 : 0;
  } finally {
    await stopStarted();
  }
}
