import type { WebhookExecutorDefinition } from '@incident/directory';
import { IDEMPOTENCY_KEY_HEADER, SIGNATURE_HEADER, signWebhookBody } from '@incident/notify';
import { capOutput, type ExecutionRequest, type ExecutionResult, type Executor } from './executor';

/**
 * A signed POST to the runbook's endpoint: the body is the step, `X-Incident-Signature` its HMAC (as the notify
 * channels sign), `Idempotency-Key` one per incident, step and attempt, so a call repeated after a crash is
 * recognised by the receiver. A 2xx answer is the synchronous result, except 202: accepted, the result follows by
 * a signed POST to `callbackUrl` (in the body). Anything else, or no answer in time, fails.
 */
export class WebhookExecutor implements Executor {
  constructor(
    private readonly definition: WebhookExecutorDefinition,
    private readonly secret: string,
    private readonly callbackUrl: string,
  ) {}

  async execute(request: ExecutionRequest): Promise<ExecutionResult> {
    const { url, timeoutSeconds } = this.definition;
    const body = JSON.stringify({
      incidentId: request.incidentId,
      remediationId: request.remediationId,
      stepId: request.stepId,
      action: request.action,
      attempt: request.attempt,
      parameters: request.parameters,
      callbackUrl: this.callbackUrl,
    });
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          [IDEMPOTENCY_KEY_HEADER]: request.idempotencyKey,
          [SIGNATURE_HEADER]: signWebhookBody(this.secret, body, new Date()),
        },
        body,
        signal: AbortSignal.timeout(timeoutSeconds * 1000),
      });
      const output = capOutput(await response.text());
      if (response.status === 202) return { outcome: 'pending', output };
      if (response.ok) return { outcome: 'executed', output };
      return { outcome: 'failed', output, reason: `${url} answered ${response.status}` };
    } catch (error) {
      const reason =
        error instanceof Error && error.name === 'TimeoutError'
          ? `${url} did not answer within ${timeoutSeconds} s`
          : `${url} could not be reached: ${(error as Error).message}`;
      return { outcome: 'failed', output: '', reason };
    }
  }
}
