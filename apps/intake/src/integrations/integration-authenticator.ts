import { HttpException, HttpStatus } from '@nestjs/common';
import type { Integration, IntegrationRepository } from '@incident/contracts';

/** How long a looked-up key is trusted without asking PostgreSQL again; a revocation elsewhere waits this long. */
const CACHE_MS = 10_000;

interface Cached {
  readonly integration: Integration | null;
  readonly until: number;
}

/**
 * Turns a presented key into its integration, or a 401 (missing, unknown) / 403 (revoked) with a clear body.
 * Lookups are cached briefly: an alert storm must not become a query storm.
 */
export class IntegrationAuthenticator {
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly repository: IntegrationRepository) {}

  async authenticate(key: string | undefined): Promise<Integration> {
    if (key === undefined || key.trim() === '') {
      throw new HttpException(
        { status: 'unauthorized', message: 'an integration key is required (routing_key, or Authorization: Bearer)' },
        HttpStatus.UNAUTHORIZED,
      );
    }
    const integration = await this.lookUp(key.trim());
    if (integration === null) {
      throw new HttpException(
        { status: 'unauthorized', message: 'the integration key is not known' },
        HttpStatus.UNAUTHORIZED,
      );
    }
    if (integration.revokedAt !== null) {
      throw new HttpException(
        { status: 'forbidden', message: `the integration key was revoked at ${integration.revokedAt}` },
        HttpStatus.FORBIDDEN,
      );
    }
    return integration;
  }

  /** Called after a revocation in this process so it takes effect at once here. */
  forget(): void {
    this.cache.clear();
  }

  private async lookUp(key: string): Promise<Integration | null> {
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.integration;
    const integration = await this.repository.findByKey(key);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, { integration, until: now + CACHE_MS });
    return integration;
  }
}
