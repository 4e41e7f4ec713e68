import { WebhookReceiver } from '@incident/notify/testing';
import { type ExecutionRequest, idempotencyKeyOf } from './executor';
import { WebhookExecutor } from './webhook.executor';

const SECRET = 'remediation-executor-secret-0123456789';
const CALLBACK = 'http://127.0.0.1:3006/v1/executor-callbacks';

const attempt = (n: number): ExecutionRequest => ({
  incidentId: 'incident-7',
  remediationId: 'downtime-restart.rollback',
  stepId: 'rollback',
  action: 'rollback',
  attempt: n,
  idempotencyKey: idempotencyKeyOf('incident-7', 'downtime-restart.rollback', n),
  parameters: { service: 'acme-api', customer: 'acme' },
});

describe('WebhookExecutor against a real receiver on 127.0.0.1', () => {
  let receiver: WebhookReceiver;
  const executor = (path: string, timeoutSeconds = 5) =>
    new WebhookExecutor({ kind: 'webhook', url: receiver.url(path), timeoutSeconds }, SECRET, CALLBACK);

  beforeAll(async () => {
    receiver = await WebhookReceiver.start(SECRET);
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it('POSTs the step signed, with one idempotency key per incident, step and attempt', async () => {
    const first = await executor('deploy').execute(attempt(1));
    // A replica that died before recording the result calls again with the same attempt.
    const again = await executor('deploy').execute(attempt(1));
    const retry = await executor('deploy').execute(attempt(2));

    expect([first, again, retry]).toEqual([
      { outcome: 'executed', output: 'ok' },
      { outcome: 'executed', output: 'ok' },
      { outcome: 'executed', output: 'ok' },
    ]);
    expect(Object.fromEntries(receiver.acceptedKeys())).toEqual({
      'remediation:incident-7:downtime-restart.rollback:1': 2,
      'remediation:incident-7:downtime-restart.rollback:2': 1,
    });
    expect(receiver.received[0]).toMatchObject({
      path: '/deploy',
      signature: 'valid',
      payload: { incidentId: 'incident-7', stepId: 'rollback', attempt: 1, parameters: { service: 'acme-api' } },
    });
  });

  it('takes a 202 as accepted: the result is pending, to come by the callback named in the body', async () => {
    receiver.script('async', 202);
    const accepted = await executor('async').execute(attempt(1));

    expect(accepted).toEqual({ outcome: 'pending', output: 'ok' });
    expect(receiver.received.at(-1)).toMatchObject({ path: '/async', payload: { callbackUrl: CALLBACK } });
  });

  it('records a refusal as failed with the status, and an unreachable endpoint as failed', async () => {
    receiver.script('refuses', 503);
    const refused = await executor('refuses').execute(attempt(1));
    const unreachable = await new WebhookExecutor(
      { kind: 'webhook', url: 'http://127.0.0.1:1/hooks', timeoutSeconds: 2 },
      SECRET,
      CALLBACK,
    ).execute(attempt(1));

    expect(refused).toEqual({ outcome: 'failed', output: 'no', reason: `${receiver.url('refuses')} answered 503` });
    expect(unreachable).toMatchObject({
      outcome: 'failed',
      output: '',
      reason: expect.stringContaining('could not be reached'),
    });
  });
});
