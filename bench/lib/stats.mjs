import process from 'node:process';

export function say(line) {
  process.stdout.write(`${line}\n`);
}

/** The value below which `p` of the sorted values fall (nearest rank). */
export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export const ms = (value) => `${value.toFixed(1)} ms`;
export const rate = (count, elapsedMs) => `${Math.round((count * 1000) / elapsedMs).toLocaleString('en')} events/s`;

/** Prints a progress line every second until the returned function is called. */
export function progress(describe) {
  const timer = setInterval(() => say(`  … ${describe()}`), 1_000);
  return () => clearInterval(timer);
}
