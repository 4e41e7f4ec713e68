import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ROOT } from './paths.mjs';

const exec = promisify(execFile);

/**
 * The config kept as code that a new user's stack needs out of the box, in the order it must be applied (the
 * triage rules and runbooks name the directory's teams and services). Without a directory there are no
 * customers or policies; without triage rules every incident waits for a person; without runbooks remediation
 * proposes nothing; without a review policy every resolved incident gets a review.
 */
export const FIRST_RUN_CONFIG = [
  { label: 'directory', command: ['directory'], file: 'config/directory.example.yaml' },
  { label: 'triage rules', command: ['triage', 'rules'], file: 'config/triage-rules.example.yaml' },
  { label: 'runbooks', command: ['runbooks'], file: 'config/runbooks.example.yaml' },
  { label: 'review policy', command: ['review', 'policy'], file: 'config/review-policy.example.yaml' },
];

/**
 * When no version of `config` was ever applied, apply its example with the built CLI (the same path an operator
 * takes: `incidentctl <command> apply <file>`); `show` opens with `none:` until then. Returns the line to print.
 */
export async function applyExampleOnFirstRun(config, env) {
  const incidentctl = (...args) =>
    exec(process.execPath, ['apps/incidentctl/dist/main.js', ...config.command, ...args], { env, cwd: ROOT });
  const { stdout: shown } = await incidentctl('show');
  if (!shown.startsWith('none:')) return `${config.label} ${shown.split('\n')[0]} in force`;
  const { stdout: applied } = await incidentctl('apply', config.file, '--as', 'npm-start');
  return `first run: ${applied.trim()} from ${config.file}`;
}
