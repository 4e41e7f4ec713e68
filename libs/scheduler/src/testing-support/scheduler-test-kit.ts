import type { Registry } from 'prom-client';
import type { SchedulerLogger } from '../scheduler-logger';

/** Polls `probe` until it returns something other than undefined; fails naming `what` after `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A scheduler logger that keeps its lines for assertions and the test output quiet. */
export function quietLogger(): SchedulerLogger & { readonly lines: string[] } {
  const lines: string[] = [];
  const keep = (details: object, message: string) => void lines.push(`${message} ${JSON.stringify(details)}`);
  return { lines, info: keep, warn: keep, error: keep };
}

/** One series of a metric (by its queue label): a counter's or gauge's value, a histogram's observation count. */
export async function seriesValue(registry: Registry, name: string, queue: string): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  const wanted = metric.constructor.name === 'Histogram' ? `${name}_count` : name;
  const series = values.find(
    (value) => value.labels['queue'] === queue && ((value as { metricName?: string }).metricName ?? name) === wanted,
  );
  return series?.value ?? 0;
}
