import { dim, red, yellow } from './lib/console.mjs';

const SKIP = new Set(['level', 'time', 'service', 'msg', 'pid', 'hostname']);

/** Shows an app's JSON log line compactly on a terminal; anything else, or a pipe, gets the raw line. */
export function formatLogLine(line) {
  if (!process.stdout.isTTY || !line.startsWith('{')) return line;
  try {
    const entry = JSON.parse(line);
    const level = String(entry.level ?? '').padEnd(5);
    const shown =
      entry.level === 'error' || entry.level === 'fatal'
        ? red(level)
        : entry.level === 'warn'
          ? yellow(level)
          : dim(level);
    const extra = Object.entries(entry)
      .filter(([key]) => !SKIP.has(key))
      .map(([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : value}`)
      .join(' ');
    return `${dim(String(entry.time ?? '').slice(11, 23))} ${shown} ${entry.msg ?? ''} ${dim(extra)}`;
  } catch {
    return line;
  }
}
