import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { ROOT } from './paths.mjs';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function isAlive(pid) {
  if (!pid || Number.isNaN(pid)) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

export function readPid(file) {
  if (!existsSync(file)) return undefined;
  const pid = Number.parseInt(readFileSync(file, 'utf8').split('\n')[0], 10);
  return Number.isNaN(pid) ? undefined : pid;
}

export function isPortOpen(port, host = '127.0.0.1', timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    const done = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Sends a signal and waits for the process to go; escalates to SIGKILL after the timeout. */
export async function stopProcess(pid, signal, timeoutMs) {
  if (!isAlive(pid)) return 'not running';
  process.kill(pid, signal);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return 'stopped';
    await sleep(100);
  }
  process.kill(pid, 'SIGKILL');
  await sleep(200);
  return 'killed';
}

/** Runs a command to completion with inherited output; resolves with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Polls `probe` (resolving true when ready) with a dot of progress per second. */
export async function waitUntil(probe, { timeoutMs, intervalMs = 250, onTick }) {
  const startedAt = Date.now();
  let lastTick = startedAt;
  let lastError;
  while (Date.now() - startedAt < timeoutMs) {
    try {
      if (await probe()) return { ready: true };
    } catch (error) {
      lastError = error;
    }
    if (onTick && Date.now() - lastTick >= 1000) {
      lastTick = Date.now();
      onTick(Date.now() - startedAt);
    }
    await sleep(intervalMs);
  }
  return { ready: false, lastError };
}

export function tail(file, lines = 20) {
  if (!existsSync(file)) return `(no log at ${file})`;
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}
