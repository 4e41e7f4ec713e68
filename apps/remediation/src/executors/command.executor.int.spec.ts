import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandExecutorDefinition } from '@incident/directory';
import { CommandExecutor } from './command.executor';
import { type ExecutionRequest, idempotencyKeyOf } from './executor';

const request = (parameters: ExecutionRequest['parameters']): ExecutionRequest => ({
  incidentId: 'incident-1',
  remediationId: 'exhausted-scale-up.scale-up',
  stepId: 'scale-up',
  action: 'scale_up',
  attempt: 1,
  idempotencyKey: idempotencyKeyOf('incident-1', 'exhausted-scale-up.scale-up', 1),
  parameters,
});

const command = (program: string, args: string[], timeoutSeconds = 30): CommandExecutor =>
  new CommandExecutor({ kind: 'command', program, args, timeoutSeconds } satisfies CommandExecutorDefinition);

describe('CommandExecutor running real local programs', () => {
  let dir: string;
  const script = (name: string, body: string): string => {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'remediation-command-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes an argument full of shell metacharacters literally, as one argument, and runs nothing else', async () => {
    const marker = join(dir, 'pwned');
    const hostile = `acme; touch ${marker} && echo $(id -u) | cat > ${marker} \`whoami\` 'quoted' "x" *`;
    const result = await command('/usr/bin/printf', ['[%s]\\n', '--service', '{service}']).execute(
      request({ service: hostile }),
    );

    expect(result).toEqual({ outcome: 'executed', output: `[--service]\n[${hostile}]\n` });
    expect(existsSync(marker)).toBe(false);
  });

  it('fills the placeholders and hands the idempotency key over in the environment', async () => {
    const program = script('scale', 'echo "to=$2 key=$REMEDIATION_IDEMPOTENCY_KEY"');
    const result = await command(program, ['--to', '{targetSize}']).execute(request({ targetSize: 5 }));

    expect(result).toEqual({
      outcome: 'executed',
      output: 'to=5 key=remediation:incident-1:exhausted-scale-up.scale-up:1\n',
    });
  });

  it('records a non-zero exit code as failed, with what the program printed', async () => {
    const program = script('fails', 'echo "quota exceeded" >&2; exit 3');
    const result = await command(program, []).execute(request({}));

    expect(result).toEqual({ outcome: 'failed', output: 'quota exceeded\n', reason: `${program} exited with code 3` });
  });

  it('stops a program that hangs at its time limit, children included, and records it failed', async () => {
    const program = script('hangs', 'echo started; sleep 600; echo never');
    const result = await command(program, [], 1).execute(request({}));

    expect(result).toEqual({
      outcome: 'failed',
      output: 'started\n',
      reason: `${program} did not finish within 1 s and was stopped`,
    });
  });

  it('fails without running when a placeholder has no value for the step, or the program does not exist', async () => {
    const noTarget = await command('/usr/bin/printf', ['{targetSize}']).execute(request({}));
    const missing = await command(join(dir, 'no-such-program'), []).execute(request({}));

    expect(noTarget).toEqual({ outcome: 'failed', output: '', reason: 'no value for {targetSize}' });
    expect(missing).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/^could not start .*ENOENT/) });
  });
});
