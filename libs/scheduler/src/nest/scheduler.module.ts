import {
  type DynamicModule,
  Inject,
  Injectable,
  type InjectionToken,
  Module,
  type ModuleMetadata,
  type OnApplicationShutdown,
  type OptionalFactoryDependency,
} from '@nestjs/common';
import { Scheduler, type SchedulerOptions } from '../scheduler';

export interface SchedulerModuleOptions {
  /** What the scheduler is provided as; the Scheduler class by default. Give each further queue a token. */
  readonly token?: InjectionToken;
  /** Modules providing what `inject` names, unless they are global (as the platform's METRICS_REGISTRY is). */
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: (InjectionToken | OptionalFactoryDependency)[];
  readonly useFactory: (...deps: never[]) => SchedulerOptions | Promise<SchedulerOptions>;
}

/**
 * Provides a scheduler. Firing is the platform's background work like any other: the provider that handles the
 * timers sets the handler and registers the scheduler with BackgroundLoops, both in its constructor:
 *
 *   scheduler.onFire((timer) => this.fire(timer));
 *   loops.register(scheduler);
 *
 * BackgroundLoops starts it once the app has bootstrapped and stops it before the application shuts down, while
 * the event store and Kafka are still open. An app that only schedules and cancels registers nothing; either
 * way the scheduler's own pool (from a connection string) is closed at shutdown.
 */
@Module({})
export class SchedulerModule {
  static forRoot(options: SchedulerModuleOptions): DynamicModule {
    const token = options.token ?? Scheduler;

    @Injectable()
    class SchedulerCloser implements OnApplicationShutdown {
      constructor(@Inject(token) private readonly scheduler: Scheduler) {}

      async onApplicationShutdown(): Promise<void> {
        await this.scheduler.stop(0); // stopped already when it ran as a loop; this only ends its own pool
      }
    }

    return {
      module: SchedulerModule,
      imports: options.imports ?? [],
      providers: [
        {
          provide: token,
          inject: options.inject ?? [],
          useFactory: async (...deps: never[]) => new Scheduler(await options.useFactory(...deps)),
        },
        SchedulerCloser,
      ],
      exports: [token],
    };
  }
}
