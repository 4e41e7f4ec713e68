import type { Integration } from '@incident/contracts';
import type { IntegrationAuthenticator } from '../integrations/integration-authenticator';
import type { RateLimiter } from '../integrations/rate-limiter';
import type { AlertRouter } from './alert-router';
import type { AlertSignal } from './alert-signal';

/** What every intake edge (HTTP or Kafka) does after validating: authenticate, limit, route, wait until durable. */
export class IntakeGateway {
  constructor(
    private readonly authenticator: IntegrationAuthenticator,
    private readonly limiter: RateLimiter,
    private readonly router: AlertRouter,
  ) {}

  /** 401/403 for a missing, unknown or revoked key; 429 over the key's rate. Nothing is written before this. */
  async admit(key: string | undefined): Promise<Integration> {
    const integration = await this.authenticator.authenticate(key);
    this.limiter.take(integration.id);
    return integration;
  }

  /** For the Kafka consumer: the key checked, no rate (a consumer's pace is its own back-pressure). */
  authenticate(key: string | undefined): Promise<Integration> {
    return this.authenticator.authenticate(key);
  }

  /** Resolves once every signal's events are durable: only then may the caller answer 202. */
  async route(signals: readonly AlertSignal[]): Promise<void> {
    await Promise.all(signals.map((signal) => this.router.route(signal)));
  }
}
