import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Backlog } from './timer-store';

type ByQueue = 'queue';

export interface TimerMetrics {
  readonly pending: Gauge<ByQueue>;
  readonly overdue: Gauge<ByQueue>;
  readonly failedNow: Gauge<ByQueue>;
  readonly fireLag: Histogram<ByQueue>;
  readonly fired: Counter<ByQueue>;
  readonly failed: Counter<ByQueue>;
  readonly errors: Counter<ByQueue>;
}

/**
 * prom-client refuses a second metric of one name on a registry, and several schedulers (queues, or replicas
 * in one test process) share the service's registry: the first one registers, the others reuse it.
 */
function once<M>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}

export function timerMetrics(registry: Registry): TimerMetrics {
  const registers = [registry];
  const labelNames: ByQueue[] = ['queue'];
  return {
    pending: once(
      registry,
      'timers_pending',
      () =>
        new Gauge({
          name: 'timers_pending',
          help: 'Timers scheduled and not yet fired, failed or cancelled (the whole queue: aggregate with max).',
          labelNames,
          registers,
        }),
    ),
    overdue: once(
      registry,
      'timers_overdue_seconds',
      () =>
        new Gauge({
          name: 'timers_overdue_seconds',
          help: 'How far past its due time the oldest pending timer is; 0 when none is overdue.',
          labelNames,
          registers,
        }),
    ),
    failedNow: once(
      registry,
      'timers_failed',
      () =>
        new Gauge({
          name: 'timers_failed',
          help: 'Timers marked failed and not since rescheduled or cancelled: alert on it (aggregate with max).',
          labelNames,
          registers,
        }),
    ),
    fireLag: once(
      registry,
      'timer_fire_lag_seconds',
      () =>
        new Histogram({
          name: 'timer_fire_lag_seconds',
          help: 'From a timer falling due to its firing being recorded (retries and replica outages included).',
          labelNames,
          buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800],
          registers,
        }),
    ),
    fired: once(
      registry,
      'timers_fired_total',
      () => new Counter({ name: 'timers_fired_total', help: 'Timers fired by this replica.', labelNames, registers }),
    ),
    failed: once(
      registry,
      'timers_failed_total',
      () =>
        new Counter({
          name: 'timers_failed_total',
          help: 'Timers this replica gave up on (marked failed after their last attempt).',
          labelNames,
          registers,
        }),
    ),
    errors: once(
      registry,
      'timer_handler_errors_total',
      () =>
        new Counter({
          name: 'timer_handler_errors_total',
          help: 'Handler attempts that threw (each one is retried with backoff or, after the last, failed).',
          labelNames,
          registers,
        }),
    ),
  };
}

/** Sets the queue's gauges from a fresh count of the table. */
export function publishBacklog(metrics: TimerMetrics, queue: string, backlog: Backlog): void {
  metrics.pending.set({ queue }, backlog.pending);
  metrics.failedNow.set({ queue }, backlog.failed);
  metrics.overdue.set({ queue }, backlog.overdueSeconds);
}
