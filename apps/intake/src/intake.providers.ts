import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { EVENT_STORE, type HashChainedEventStore } from '@incident/event-store';
import { PLATFORM_CONFIG, type PlatformConfig } from '@incident/platform';
import { AlertRouter } from './ingest/alert-router';
import { IntakeGateway } from './ingest/intake-gateway';
import { IntegrationAuthenticator } from './integrations/integration-authenticator';
import { IntegrationRepository } from '@incident/contracts';
import { RateLimiter } from './integrations/rate-limiter';

/** The intake's clock; tests replace it to walk through the reopen window. */
export const INTAKE_CLOCK = Symbol('INTAKE_CLOCK');
export type IntakeClock = () => Date;

@Injectable()
class RepositoryCloser implements OnApplicationShutdown {
  constructor(@Inject(IntegrationRepository) private readonly repository: IntegrationRepository) {}

  async onApplicationShutdown(): Promise<void> {
    await this.repository.close();
  }
}

export const INTAKE_PROVIDERS: Provider[] = [
  { provide: INTAKE_CLOCK, useValue: (() => new Date()) satisfies IntakeClock },
  {
    provide: IntegrationRepository,
    inject: [PLATFORM_CONFIG],
    useFactory: (config: PlatformConfig) => IntegrationRepository.connect(config.databaseUrl),
  },
  {
    provide: IntegrationAuthenticator,
    inject: [IntegrationRepository],
    useFactory: (repository: IntegrationRepository) => new IntegrationAuthenticator(repository),
  },
  {
    provide: AlertRouter,
    inject: [EVENT_STORE, PLATFORM_CONFIG, INTAKE_CLOCK],
    useFactory: (store: HashChainedEventStore, config: PlatformConfig, clock: IntakeClock) =>
      new AlertRouter(store, { reopenWindowMinutes: config.intakeReopenWindowMinutes, now: () => clock() }),
  },
  {
    provide: IntakeGateway,
    inject: [IntegrationAuthenticator, PLATFORM_CONFIG, AlertRouter],
    useFactory: (authenticator: IntegrationAuthenticator, config: PlatformConfig, router: AlertRouter) =>
      new IntakeGateway(authenticator, new RateLimiter(config.intakeRateLimitPerMinute), router),
  },
  RepositoryCloser,
];
