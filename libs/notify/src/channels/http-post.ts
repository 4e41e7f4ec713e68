import type { ChannelKind, DeliveryOutcome } from '../outcome';
import type { Contact } from '../message';

export interface HttpPostSettings {
  readonly timeoutMs: number;
}

/** Statuses worth another try: the receiver is busy, rate-limiting or failing, not refusing the request. */
function retryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

function oneLine(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * POSTs JSON and turns whatever happens into an outcome: 2xx delivered; 408/425/429/5xx, timeouts and
 * connection failures retryable; any other status a refusal. The URL is never put into the reason, since a
 * webhook URL often holds its own secret (Slack's do).
 */
export async function postJson(
  channel: ChannelKind,
  contact: Contact,
  idempotencyKey: string,
  request: { url: string; body: string; headers: Record<string, string> },
  settings: HttpPostSettings,
): Promise<{ outcome: DeliveryOutcome; responseText: string }> {
  const base = { channel, contact, idempotencyKey };
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...request.headers },
      body: request.body,
      signal: AbortSignal.timeout(settings.timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    const reason = `${channel} POST failed: ${describe(error)}`;
    return { outcome: { ...base, status: 'failed', retryable: true, reason }, responseText: '' };
  }
  const responseText = await response.text().catch(() => '');
  const receipt = { code: response.status, response: oneLine(responseText) };
  if (response.ok) return { outcome: { ...base, status: 'delivered', receipt }, responseText };
  const outcome: DeliveryOutcome = {
    ...base,
    status: 'failed',
    retryable: retryableStatus(response.status),
    reason: `${channel} receiver answered ${response.status}`,
    receipt,
  };
  return { outcome, responseText };
}

/** Duck-typed: errors raised by Node's fetch come from another realm under test runners, so `instanceof` lies. */
function describe(error: unknown): string {
  const failure = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (typeof failure !== 'object' || failure === null) return String(error);
  if (failure.name === 'TimeoutError') return 'timed out';
  // fetch wraps the socket error (ECONNREFUSED, ENOTFOUND, …) as its cause.
  return oneLine(failure.cause?.code ?? failure.cause?.message ?? failure.message ?? String(error));
}
