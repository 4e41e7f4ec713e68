import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureDebianBinary } from './debian.mjs';

const SCRIPT = join(import.meta.dirname, 'alerts.lua');

/** wrk (Debian package `wrk`): a C load generator, so the servers are measured, not the benchmark's own loop. */
export const ensureWrk = () => ensureDebianBinary('/usr/bin/wrk', 'wrk');

/**
 * One wrk run against `url` with alerts.lua: one thread, `connections` connections, `seconds` long. Returns
 * accepted requests/s (answered below 400), refused (4xx/5xx) and failed (socket errors, timeouts) counts, the
 * measured duration, and the latency's quantiles at every 0.1 % in ms (percentiles: mergedPercentile).
 */
export function runWrk(wrk, { url, connections, seconds, scenario, format, key = '-', run }) {
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', SCRIPT, url];
  return new Promise((resolve, reject) => {
    const child = spawn(wrk, [...args, '--', scenario, format, key, run], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = output.split('\n').find((text) => text.startsWith('{"requests"'));
      if (code !== 0 || !line) return reject(new Error(`wrk exited with ${code}: ${output}`));
      const result = JSON.parse(line);
      // wrk counts every response in `requests` (4xx/5xx too, as `refused`); socket errors are not responses.
      const accepted = result.requests - result.refused;
      resolve({
        perSecond: (accepted * 1e6) / result.durationUs,
        seconds: result.durationUs / 1e6,
        accepted,
        refused: result.refused,
        failed: result.failed,
        quantiles: result.quantilesUs.map((us) => us / 1000),
      });
    });
  });
}

/**
 * The p-th percentile (0-100, ms) of several runs' latencies together: each run's quantiles stand for a thousandth of
 * its responses each, so the runs weigh by how many they answered. Exact to a tenth of a percentile.
 */
export function mergedPercentile(runs, p) {
  const samples = [];
  for (const run of runs) {
    const weight = (run.accepted + run.refused) / run.quantiles.length;
    for (const value of run.quantiles) samples.push([value, weight]);
  }
  samples.sort((a, b) => a[0] - b[0]);
  const total = samples.reduce((sum, [, weight]) => sum + weight, 0);
  let seen = 0;
  for (const [value, weight] of samples) {
    seen += weight;
    if (seen >= (total * p) / 100) return value;
  }
  return samples.at(-1)?.[0] ?? Number.NaN;
}
