import { kafkaBrokers } from '@incident/testing';
import pino, { type Logger } from 'pino';
import { Registry } from 'prom-client';
import { type RelayConfig, RelayRuntime } from '../relay-runtime';

/** A relay in this process (no Nest, no HTTP), with its log lines and metrics at hand. */
export class InProcessRelay {
  readonly lines: string[] = [];
  readonly registry = new Registry();
  readonly runtime: RelayRuntime;
  readonly logger: Logger;

  constructor(overrides: Partial<RelayConfig> & Pick<RelayConfig, 'databaseUrl' | 'kafkaTopicPrefix'>) {
    const config: RelayConfig = {
      eventStoreUrl: undefined,
      kafkaBrokers: kafkaBrokers(),
      kafkaPartitionsIncidentEvents: 3,
      kafkaPartitionsAlertsInbound: 2,
      kafkaPartitionsDeadLetters: 1,
      relayBatchSize: 50,
      relayLockPollMs: 200,
      relayIdlePollMs: 100,
      healthCheckTimeoutMs: 2_000,
      ...overrides,
    };
    this.logger = pino({ level: 'info' }, { write: (line: string) => this.lines.push(line) });
    this.runtime = new RelayRuntime(config, this.logger, this.registry);
  }

  start(): this {
    this.runtime.start();
    return this;
  }

  stop(): Promise<void> {
    return this.runtime.stop(5_000);
  }

  async metric(name: string): Promise<number> {
    const metric = this.registry.getSingleMetric(name);
    if (!metric) throw new Error(`no metric ${name}`);
    const { values } = await metric.get();
    return values[0]?.value ?? Number.NaN;
  }

  /** The relay's own account for a failure message: its counters and every warning or error it logged. */
  async describe(): Promise<string> {
    const counters = await Promise.all(
      ['relay_active', 'relay_events_published_total', 'relay_lag_positions'].map(
        async (name) => `${name}=${await this.metric(name)}`,
      ),
    );
    const troubles = this.lines.filter((line) => (JSON.parse(line) as { level: number }).level >= 40);
    return `relay: ${counters.join(' ')}; ${troubles.length} warnings/errors${troubles.length ? `:\n${troubles.slice(-20).join('')}` : ''}`;
  }

  logged(message: string): number {
    return this.lines.filter((line) => line.includes(message)).length;
  }
}
