import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ROOT } from './paths.mjs';

const exec = promisify(execFile);
export const EXAMPLE_DIRECTORY = 'config/directory.example.yaml';

/**
 * A new user's stack gets customers, teams and policies out of the box: when no directory version was ever
 * applied, apply the example with the built CLI (the same path an operator takes). Returns the line to print.
 */
export async function applyExampleDirectoryOnFirstRun(env) {
  const incidentctl = (...args) =>
    exec(process.execPath, ['apps/incidentctl/dist/main.js', 'directory', ...args], { env, cwd: ROOT });
  const { stdout: shown } = await incidentctl('show');
  if (!shown.startsWith('none:')) return `directory ${shown.split('\n')[0]} in force`;
  const { stdout: applied } = await incidentctl('apply', EXAMPLE_DIRECTORY, '--as', 'npm-start');
  return `first run: ${applied.trim()} from ${EXAMPLE_DIRECTORY}`;
}

export const EXAMPLE_TRIAGE_RULES = 'config/triage-rules.example.yaml';

/** Likewise the triage rules (issue 14): without a rule set, triage leaves every incident for a person. */
export async function applyExampleTriageRulesOnFirstRun(env) {
  const incidentctl = (...args) =>
    exec(process.execPath, ['apps/incidentctl/dist/main.js', 'triage', 'rules', ...args], { env, cwd: ROOT });
  const { stdout: shown } = await incidentctl('show');
  if (!shown.startsWith('none:')) return `triage rules ${shown.split('\n')[0]} in force`;
  const { stdout: applied } = await incidentctl('apply', EXAMPLE_TRIAGE_RULES, '--as', 'npm-start');
  return `first run: ${applied.trim()} from ${EXAMPLE_TRIAGE_RULES}`;
}

export const EXAMPLE_REVIEW_POLICY = 'config/review-policy.example.yaml';

/** Likewise the review policy (issue 17): without one, every resolved incident gets a review. */
export async function applyExampleReviewPolicyOnFirstRun(env) {
  const incidentctl = (...args) =>
    exec(process.execPath, ['apps/incidentctl/dist/main.js', 'review', 'policy', ...args], { env, cwd: ROOT });
  const { stdout: shown } = await incidentctl('show');
  if (!shown.startsWith('none:')) return `review policy ${shown.split('\n')[0].replace(/^# /, '')} in force`;
  const { stdout: applied } = await incidentctl('apply', EXAMPLE_REVIEW_POLICY, '--as', 'npm-start');
  return `first run: ${applied.trim()} from ${EXAMPLE_REVIEW_POLICY}`;
}
