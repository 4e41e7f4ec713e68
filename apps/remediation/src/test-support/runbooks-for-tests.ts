import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The example runbooks with their executors replaced by real local peers: `scaler` a script that logs its
 * arguments (one line per call) and prints what it did; `network` and `deployer` a webhook receiver.
 */
export function runbooksForTests(webhookBaseUrl: string): { yaml: string; scalerLog: string } {
  const dir = mkdtempSync(join(tmpdir(), 'remediation-e2e-'));
  const scalerLog = join(dir, 'scaler.log');
  const scaler = join(dir, 'ops-scale');
  writeFileSync(scaler, `#!/bin/sh\necho "$@" >> '${scalerLog}'\necho "scaled $2 to $4"\n`);
  chmodSync(scaler, 0o755);
  writeFileSync(scalerLog, '');
  const example = readFileSync(join(__dirname, '../../../../config/runbooks.example.yaml'), 'utf8');
  const yaml = example
    .replace('program: /usr/local/bin/ops-scale', `program: ${scaler}`)
    .replace('url: https://deploy.ops.example/hooks/remediation', `url: ${webhookBaseUrl}/deploy`)
    .replace('url: https://netops.ops.example/hooks/containment', `url: ${webhookBaseUrl}/network`);
  return { yaml, scalerLog };
}

export const scalerCalls = (scalerLog: string): string[] =>
  readFileSync(scalerLog, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
