import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import process from 'node:process';
import { say } from './stats.mjs';

let updated = false;

/**
 * The path of `binary`, installing the Debian package that provides it with apt-get when it is missing (the
 * benchmarks' load generator and peers are Debian packages, never downloaded by hand). Null when it cannot be
 * installed here (not root, no apt-get): the caller says what it skips.
 */
export function ensureDebianBinary(binary, debianPackage) {
  if (existsSync(binary)) return binary;
  const apt = '/usr/bin/apt-get';
  if (!existsSync(apt) || process.getuid?.() !== 0) {
    say(`  ${binary} is missing; install it with: apt-get update && apt-get install -y ${debianPackage}`);
    return null;
  }
  say(`  installing the Debian package ${debianPackage} (for ${binary})…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!updated) {
    spawnSync(apt, ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    updated = true;
  }
  const installed = spawnSync(apt, ['install', '-y', '-qq', '--no-install-recommends', debianPackage], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
  if (installed.status !== 0 || !existsSync(binary)) {
    say(`  apt-get install ${debianPackage} failed (exit ${installed.status}); ${binary} is still missing`);
    return null;
  }
  return binary;
}
