import { spawn } from 'node:child_process';
import type { CommandExecutorDefinition } from '@incident/directory';
import { capOutput, type ExecutionRequest, type ExecutionResult, type Executor } from './executor';

/** After SIGTERM at the time limit, a program gets this long to exit before the group is SIGKILLed. */
const KILL_GRACE_MS = 2000;

/** Each placeholder replaced inside its own argument: a value never becomes two arguments or a command. */
export function argumentsFor(definition: CommandExecutorDefinition, request: ExecutionRequest): string[] | string {
  const values: Record<string, string | number> = {
    ...request.parameters,
    incidentId: request.incidentId,
    remediationId: request.remediationId,
    stepId: request.stepId,
    action: request.action,
    attempt: request.attempt,
    idempotencyKey: request.idempotencyKey,
  };
  const missing = new Set<string>();
  const args = definition.args.map((arg) =>
    arg.replace(/\{([^}]*)\}/g, (_, name: string) => {
      const value = values[name];
      if (value === undefined) missing.add(name);
      return String(value ?? '');
    }),
  );
  return missing.size > 0 ? `no value for ${[...missing].map((name) => `{${name}}`).join(', ')}` : args;
}

/**
 * A configured local program, run with its arguments through execve (spawn without a shell), so `;`, `$(…)`
 * or a quote in an argument is just text. It runs in its own process group: at the time limit the whole group
 * is stopped, so a hung program cannot keep its children (and our pipes) alive. Exit code 0 → executed.
 */
export class CommandExecutor implements Executor {
  constructor(private readonly definition: CommandExecutorDefinition) {}

  execute(request: ExecutionRequest): Promise<ExecutionResult> {
    const args = argumentsFor(this.definition, request);
    if (typeof args === 'string') return Promise.resolve({ outcome: 'failed', output: '', reason: args });
    const { program, timeoutSeconds } = this.definition;
    return new Promise((resolve) => {
      let output = '';
      let timedOut = false;
      const child = spawn(program, args, {
        shell: false,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { PATH: '/usr/local/bin:/usr/bin:/bin', REMEDIATION_IDEMPOTENCY_KEY: request.idempotencyKey },
      });
      const collect = (chunk: Buffer) => {
        if (output.length <= 2 * 4000) output += chunk.toString('utf8');
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      const killGroup = (signal: NodeJS.Signals) => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, signal);
        } catch {
          // The group is already gone.
        }
      };
      const limit = setTimeout(() => {
        timedOut = true;
        killGroup('SIGTERM');
        setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS).unref();
      }, timeoutSeconds * 1000);
      child.on('error', (error) => {
        clearTimeout(limit);
        resolve({
          outcome: 'failed',
          output: capOutput(output),
          reason: `could not start ${program}: ${error.message}`,
        });
      });
      child.on('close', (code, signal) => {
        clearTimeout(limit);
        if (timedOut) {
          const reason = `${program} did not finish within ${timeoutSeconds} s and was stopped`;
          resolve({ outcome: 'failed', output: capOutput(output), reason });
        } else if (code === 0) {
          resolve({ outcome: 'executed', output: capOutput(output) });
        } else {
          const how = code === null ? `was killed by ${signal}` : `exited with code ${code}`;
          resolve({ outcome: 'failed', output: capOutput(output), reason: `${program} ${how}` });
        }
      });
    });
  }
}
