import type { Channel } from '../channel';
import type { Contact, MessageForTarget, NotificationMessage } from '../message';
import type { DeliveryOutcome } from '../outcome';
import { deliverWithFallback, failureSummary, type DeliveryAttempt } from './deliver-with-fallback';
import { deliveryBackoffMs } from './retry-policy';

type Script = 'ok' | 'transient' | 'permanent';

/** A channel answering from a script per address; records what it was given. Pure: no I/O. */
function scriptedChannel(kind: 'webhook' | 'email', scripts: Record<string, Script[]>) {
  const calls: { address: string; key: string; message: NotificationMessage }[] = [];
  const channel: Channel = {
    kind,
    accepts: (contact) => (kind === 'email' ? contact.kind === 'email' : contact.kind !== 'email'),
    async deliver(message, { idempotencyKey }) {
      const { contact } = message.recipient;
      calls.push({ address: contact.address, key: idempotencyKey, message });
      const step = scripts[contact.address]?.shift() ?? 'ok';
      const base = { channel: kind, contact, idempotencyKey };
      const outcome: DeliveryOutcome =
        step === 'ok'
          ? { ...base, status: 'delivered', receipt: { code: 200 } }
          : { ...base, status: 'failed', retryable: step === 'transient', reason: `${step} failure` };
      return outcome;
    },
  };
  return { channel, calls };
}

const message: MessageForTarget = {
  kind: 'page',
  subject: 'checkout is down',
  text: 'Level 1 page',
  links: [],
  recipient: { id: 'alice', name: 'Alice' },
  incidentId: 'incident-1',
};
const alice: Contact[] = [
  { kind: 'webhook', address: 'https://hooks/alice' },
  { kind: 'email', address: 'alice@ops.example' },
  { kind: 'phone', address: 'https://sms/alice' },
];
const retry = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 };
const summary = (attempts: readonly DeliveryAttempt[]) =>
  attempts.map(({ contactIndex, attempt, outcome }) => `${contactIndex}.${attempt}:${outcome.status}`);

describe('deliverWithFallback', () => {
  describe('when the first contact takes it', () => {
    it('delivers once, to that contact, with the key', async () => {
      const webhook = scriptedChannel('webhook', {});
      const email = scriptedChannel('email', {});
      const result = await deliverWithFallback([webhook.channel, email.channel], message, alice, {
        idempotencyKey: 'page:incident-1:1:1:alice',
        retry,
        sleep: async () => undefined,
      });
      expect(result.status).toBe('delivered');
      expect(summary(result.attempts)).toEqual(['1.1:delivered']);
      expect(webhook.calls.map((call) => [call.address, call.key])).toEqual([
        ['https://hooks/alice', 'page:incident-1:1:1:alice'],
      ]);
      expect(webhook.calls[0]!.message.recipient).toEqual({ id: 'alice', name: 'Alice', contact: alice[0] });
      expect(email.calls).toEqual([]);
    });
  });

  describe('when the first contact fails transiently, then recovers', () => {
    it('retries the same contact after a backoff, and stops at the delivery', async () => {
      const webhook = scriptedChannel('webhook', { 'https://hooks/alice': ['transient', 'transient', 'ok'] });
      const waits: number[] = [];
      const result = await deliverWithFallback([webhook.channel], message, alice, {
        idempotencyKey: 'k',
        retry,
        sleep: async (ms) => void waits.push(ms),
        random: () => 0.5,
      });
      expect(summary(result.attempts)).toEqual(['1.1:failed', '1.2:failed', '1.3:delivered']);
      expect(waits).toEqual([100, 200]);
    });
  });

  describe('when the first contact keeps failing', () => {
    it('moves to the next contact after the last attempt, with the same key', async () => {
      const webhook = scriptedChannel('webhook', { 'https://hooks/alice': ['transient', 'transient', 'transient'] });
      const email = scriptedChannel('email', {});
      const recorded: string[] = [];
      const result = await deliverWithFallback([webhook.channel, email.channel], message, alice, {
        idempotencyKey: 'k',
        retry,
        sleep: async () => undefined,
        onAttempt: (attempt) => void recorded.push(`${attempt.outcome.channel}:${attempt.outcome.status}`),
      });
      expect(summary(result.attempts)).toEqual(['1.1:failed', '1.2:failed', '1.3:failed', '2.1:delivered']);
      expect(recorded).toEqual(['webhook:failed', 'webhook:failed', 'webhook:failed', 'email:delivered']);
      expect(result).toMatchObject({ delivered: { contactIndex: 2, outcome: { idempotencyKey: 'k' } } });
    });
  });

  describe('when a contact refuses permanently', () => {
    it('does not retry it, and moves on at once', async () => {
      const webhook = scriptedChannel('webhook', { 'https://hooks/alice': ['permanent'] });
      const email = scriptedChannel('email', { 'alice@ops.example': ['permanent'] });
      const waits: number[] = [];
      const result = await deliverWithFallback([webhook.channel, email.channel], message, alice, {
        idempotencyKey: 'k',
        retry,
        sleep: async (ms) => void waits.push(ms),
      });
      expect(summary(result.attempts)).toEqual(['1.1:failed', '2.1:failed', '3.1:delivered']);
      expect(waits).toEqual([]);
    });
  });

  describe('when every contact fails', () => {
    it('reports failed with every attempt, none left out', async () => {
      const webhook = scriptedChannel('webhook', {
        'https://hooks/alice': ['permanent'],
        'https://sms/alice': ['transient', 'transient', 'transient'],
      });
      const email = scriptedChannel('email', { 'alice@ops.example': ['permanent'] });
      const result = await deliverWithFallback([webhook.channel, email.channel], message, alice, {
        idempotencyKey: 'k',
        retry,
        sleep: async () => undefined,
      });
      expect(result.status).toBe('failed');
      expect(summary(result.attempts)).toEqual(['1.1:failed', '2.1:failed', '3.1:failed', '3.2:failed', '3.3:failed']);
      expect(failureSummary(result.attempts)).toBe(
        'webhook: permanent failure; email: permanent failure; phone: transient failure (3 tries)',
      );
    });
  });

  describe('when no channel takes a contact kind', () => {
    it('records a non-retryable failure naming the missing channel, then tries the next contact', async () => {
      const email = scriptedChannel('email', {});
      const result = await deliverWithFallback([email.channel], message, alice, {
        idempotencyKey: 'k',
        retry,
        sleep: async () => undefined,
      });
      expect(result.attempts[0]!.outcome).toEqual({
        status: 'failed',
        channel: 'webhook',
        contact: alice[0],
        idempotencyKey: 'k',
        retryable: false,
        reason: 'no webhook channel is configured',
      });
      expect(summary(result.attempts)).toEqual(['1.1:failed', '2.1:delivered']);
    });
  });

  it('reports failed without attempts for a target with no contact methods', async () => {
    const result = await deliverWithFallback([], message, [], { idempotencyKey: 'k', retry });
    expect(result).toEqual({ status: 'failed', attempts: [] });
    expect(failureSummary(result.attempts)).toBe('no contact method to deliver to');
  });
});

describe('deliveryBackoffMs', () => {
  it('doubles per attempt up to the maximum, without jitter at the midpoint', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => deliveryBackoffMs(retry, attempt, () => 0.5))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });

  it('spreads by ±25 %, never beyond the maximum', () => {
    expect([deliveryBackoffMs(retry, 2, () => 0), deliveryBackoffMs(retry, 2, () => 1)]).toEqual([150, 250]);
    expect(deliveryBackoffMs(retry, 10, () => 1)).toBe(1_000);
  });
});
