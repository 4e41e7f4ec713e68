import { Counter, Gauge, type Registry } from 'prom-client';

export interface ConsumerMetrics {
  readonly applied: Counter<'group' | 'topic'>;
  readonly skippedDuplicate: Counter<'group' | 'topic'>;
  readonly skippedUnhandled: Counter<'group' | 'topic' | 'type'>;
  readonly retries: Counter<'group' | 'topic'>;
  readonly deadLetters: Counter<'group' | 'topic' | 'reason'>;
  readonly lag: Gauge<'group' | 'topic' | 'partition'>;
}

/**
 * Several consumers (one per topic, or replicas in one test process) share a registry, and prom-client
 * refuses a second metric of the same name: the first registration wins and later callers get it back.
 */
function counter<L extends string>(registry: Registry, name: string, help: string, labelNames: L[]): Counter<L> {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<L>;
  return new Counter({ name, help, labelNames, registers: [registry] });
}

/** The messaging metrics on a registry (the platform's METRICS_REGISTRY in a service), created once. */
export function consumerMetrics(registry: Registry): ConsumerMetrics {
  const existingLag = registry.getSingleMetric('kafka_consumer_lag');
  return {
    applied: counter(registry, 'messaging_events_applied_total', 'Events a consumer group applied.', [
      'group',
      'topic',
    ]),
    skippedDuplicate: counter(
      registry,
      'messaging_events_skipped_duplicate_total',
      'Redelivered events a consumer group skipped because it had applied them already.',
      ['group', 'topic'],
    ),
    skippedUnhandled: counter(
      registry,
      'messaging_events_skipped_unhandled_total',
      'Events a consumer group acknowledged without applying, because it has no handler for their type.',
      ['group', 'topic', 'type'],
    ),
    retries: counter(registry, 'messaging_retries_total', 'Handler attempts that failed and were retried.', [
      'group',
      'topic',
    ]),
    deadLetters: counter(
      registry,
      'messaging_dead_letters_total',
      'Records a consumer group gave up on and sent to the dead-letter topic, by reason.',
      ['group', 'topic', 'reason'],
    ),
    lag: existingLag
      ? (existingLag as Gauge<'group' | 'topic' | 'partition'>)
      : new Gauge({
          name: 'kafka_consumer_lag',
          help: "Records not yet consumed: the partition's high watermark minus the group's committed offset.",
          labelNames: ['group', 'topic', 'partition'],
          registers: [registry],
        }),
  };
}
