import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The repository root, for the example config files under config/. */
export const REPO_ROOT = resolve(__dirname, '../../../..');
/** The built CLI: commander is ESM-only, so the suites run incidentctl as the operator does, built. */
export const CLI = join(REPO_ROOT, 'apps/incidentctl/dist/main.js');

export interface BuiltCli {
  /** Runs `incidentctl <command…> <args…>`; rejects when it exits non-zero. */
  cli(...args: string[]): Promise<{ stdout: string; stderr: string }>;
  /** Runs it expecting a refusal: its exit code and stderr (code 0 and no stderr if it succeeded). */
  failure(...args: string[]): Promise<{ code: number; stderr: string }>;
}

/** Throws in a suite's beforeAll when the CLI was not built (npm test builds it). */
export function assertCliBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npm test builds)`);
}

/**
 * The built CLI against a suite's database, `command` prefixed to every call. The URL is read at each call,
 * as the suite's database is created in its beforeAll.
 */
export function builtCli(command: readonly string[], databaseUrl: () => string): BuiltCli {
  const cli = (...args: string[]) =>
    run(process.execPath, [CLI, ...command, ...args], { env: { ...process.env, DATABASE_URL: databaseUrl() } });
  const failure = (...args: string[]) =>
    cli(...args).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
  return { cli, failure };
}
