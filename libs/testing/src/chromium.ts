import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

const HOW_TO_INSTALL =
  `The browser tests drive Debian's Chromium at ${DEBIAN_CHROMIUM} (playwright-core, no downloaded browser). ` +
  'Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu), then run the tests again.';

export interface ChromiumHost {
  readonly exists: (path: string) => boolean;
  readonly isRoot: () => boolean;
  /** Runs a command; the exit status and the output's tail for the error message. */
  readonly run: (command: string, args: readonly string[]) => { status: number | null; output: string };
}

const realHost: ChromiumHost = {
  exists: existsSync,
  isRoot: () => process.getuid?.() === 0,
  run: (command, args) => {
    const result = spawnSync(command, args, {
      encoding: 'utf8',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: 10 * 60_000,
    });
    return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.slice(-2_000) };
  },
};

/**
 * The path of Debian's Chromium for playwright-core's `executablePath`. When it is missing and the process is
 * root, installs it (`apt-get install -y chromium`, after an `apt-get update` if the first try fails). Otherwise,
 * or when installing fails, throws saying how to install it: a browser test never skips itself, under CI or not.
 */
export function ensureChromium(host: ChromiumHost = realHost): string {
  if (host.exists(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  if (!host.isRoot())
    throw new Error(`Chromium is missing and this process is not root, so cannot install it. ${HOW_TO_INSTALL}`);
  let attempt = host.run('apt-get', ['install', '-y', 'chromium']);
  if (attempt.status !== 0) {
    host.run('apt-get', ['update']);
    attempt = host.run('apt-get', ['install', '-y', 'chromium']);
  }
  if (attempt.status !== 0 || !host.exists(DEBIAN_CHROMIUM)) {
    throw new Error(
      `Installing Chromium failed (apt-get exit ${attempt.status}):\n${attempt.output}\n${HOW_TO_INSTALL}`,
    );
  }
  return DEBIAN_CHROMIUM;
}

/** Chromium's sandbox cannot start as root (containers, CI): there it runs with --no-sandbox. */
export function chromiumArgs(isRoot = process.getuid?.() === 0): string[] {
  return isRoot ? ['--no-sandbox'] : [];
}
