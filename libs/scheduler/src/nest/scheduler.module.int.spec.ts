import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pino from 'pino';
import { Registry } from 'prom-client';
import { BackgroundLoops, PINO_LOGGER, PLATFORM_CONFIG } from '@incident/platform';
import { createTestDatabase, describeWithInfrastructure, type TestDatabase } from '@incident/testing';
import { Scheduler } from '../scheduler';
import { eventually, quietLogger, seriesValue } from '../testing-support/scheduler-test-kit';
import { SchedulerModule } from './scheduler.module';

const REGISTRY = Symbol('REGISTRY');
const fired: string[] = [];

/** How a service's timers provider looks: it injects the scheduler, is its one handler, and registers it. */
@Injectable()
class ReminderTimers {
  constructor(
    readonly scheduler: Scheduler<{ note: string }>,
    readonly loops: BackgroundLoops,
  ) {
    scheduler.onFire(async (timer) => void fired.push(`${timer.key}:${timer.payload.note}`));
    loops.register(scheduler);
  }
}

describeWithInfrastructure(['postgres'], 'SchedulerModule', () => {
  let database: TestDatabase;

  beforeAll(async () => (database = await createTestDatabase('scheduler_module')));
  afterAll(async () => database?.drop());

  it('fires as one of the background loops while the app runs, and lets go of its pool at shutdown', async () => {
    const registry = new Registry();
    // What PlatformModule provides globally in a service.
    @Module({
      providers: [
        { provide: REGISTRY, useValue: registry },
        { provide: PLATFORM_CONFIG, useValue: { shutdownTimeoutMs: 10_000 } },
        { provide: PINO_LOGGER, useValue: pino({ level: 'silent' }) },
        BackgroundLoops,
      ],
      exports: [REGISTRY, PLATFORM_CONFIG, PINO_LOGGER, BackgroundLoops],
    })
    class PlatformStandIn {}
    @Module({
      imports: [
        PlatformStandIn,
        SchedulerModule.forRoot({
          imports: [PlatformStandIn],
          inject: [REGISTRY],
          useFactory: (metrics: Registry) => ({
            queue: 'reminders',
            connectionString: database.url,
            registry: metrics,
            logger: quietLogger(),
          }),
        }),
      ],
      providers: [ReminderTimers],
    })
    class RemindersModule {}

    const app = await NestFactory.createApplicationContext(RemindersModule, { logger: false, abortOnError: false });
    const { scheduler, loops } = app.get(ReminderTimers);
    await scheduler.schedule('remind-1', new Date(), { note: 'hello' });
    await eventually('the reminder to fire', async () => (fired.length > 0 ? true : undefined));
    expect(fired).toEqual(['remind-1:hello']);
    expect(await seriesValue(registry, 'timers_fired_total', 'reminders')).toBe(1);
    expect(loops.crashed()).toEqual([]);

    await app.close();
    // Stopped, and its own pool ended with it.
    await expect(scheduler.schedule('remind-2', new Date(), { note: 'late' })).rejects.toThrow(/pool/i);
    expect(loops.crashed()).toEqual([]);
  });
});
