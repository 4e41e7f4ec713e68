import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Inject,
  Injectable,
  type InjectionToken,
  Module,
  type ModuleMetadata,
  type OnApplicationBootstrap,
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
  /** false: this app only schedules and cancels; another app fires (default true). */
  readonly fire?: boolean;
  /** How long shutdown waits for handlers in flight (default 10 s); the rest re-fire elsewhere. */
  readonly stopTimeoutMs?: number;
}

/**
 * A durable scheduler owned by the app's lifecycle. A provider of the service injects it and sets the handler
 * in its constructor (`scheduler.onFire(...)`); firing starts once every module is initialised and stops
 * *before* the application shuts down, so handlers finishing late can still use the event store and Kafka.
 */
@Module({})
export class SchedulerModule {
  static forRoot(options: SchedulerModuleOptions): DynamicModule {
    const token = options.token ?? Scheduler;
    const fire = options.fire ?? true;
    const stopTimeoutMs = options.stopTimeoutMs ?? 10_000;

    @Injectable()
    class SchedulerLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
      constructor(@Inject(token) private readonly scheduler: Scheduler) {}

      async onApplicationBootstrap(): Promise<void> {
        if (fire) await this.scheduler.start();
      }

      async beforeApplicationShutdown(): Promise<void> {
        await this.scheduler.stop(stopTimeoutMs);
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
        SchedulerLifecycle,
      ],
      exports: [token],
    };
  }
}
