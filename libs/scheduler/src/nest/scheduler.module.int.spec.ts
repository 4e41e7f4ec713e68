import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Registry } from 'prom-client';
import { createTestDatabase, describeWithInfrastructure, type TestDatabase } from '@incident/testing';
import { Scheduler } from '../scheduler';
import { eventually, quietLogger, seriesValue } from '../testing-support/scheduler-test-kit';
import { SchedulerModule } from './scheduler.module';

const REGISTRY = Symbol('REGISTRY');
const fired: string[] = [];

/** How a service's timers provider looks: it injects the scheduler and is its one handler. */
@Injectable()
class ReminderTimers {
  constructor(readonly scheduler: Scheduler<{ note: string }>) {
    scheduler.onFire(async (timer) => void fired.push(`${timer.key}:${timer.payload.note}`));
  }
}

describeWithInfrastructure(['postgres'], 'SchedulerModule', () => {
  let database: TestDatabase;

  beforeAll(async () => (database = await createTestDatabase('scheduler_module')));
  afterAll(async () => database?.drop());

  it('starts firing with the app and stops with it', async () => {
    const registry = new Registry();
    @Module({ providers: [{ provide: REGISTRY, useValue: registry }], exports: [REGISTRY] })
    class MetricsModule {}
    @Module({
      imports: [
        SchedulerModule.forRoot({
          imports: [MetricsModule],
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
    const scheduler = app.get(ReminderTimers).scheduler;
    await scheduler.schedule('remind-1', new Date(), { note: 'hello' });
    await eventually('the reminder to fire', async () => (fired.length > 0 ? true : undefined));
    expect(fired).toEqual(['remind-1:hello']);
    expect(await seriesValue(registry, 'timers_fired_total', 'reminders')).toBe(1);

    await app.close();
    // Stopped, and its own pool ended with it.
    await expect(scheduler.schedule('remind-2', new Date(), { note: 'late' })).rejects.toThrow(/pool/i);
  });
});
