import { kafkaBrokers } from '@incident/testing';
import pino from 'pino';
import { Registry } from 'prom-client';
import { AnchorerRuntime, type AnchorerConfig } from '../anchors/anchorer-runtime';

/** The anchorer in this process (no Nest, no HTTP), anchoring every 200 ms, with its log lines at hand. */
export class InProcessAnchorer {
  readonly lines: string[] = [];
  readonly registry = new Registry();
  private readonly runtime: AnchorerRuntime;

  constructor(
    overrides: Partial<AnchorerConfig> & Pick<AnchorerConfig, 'databaseUrl' | 'kafkaTopicPrefix' | 'auditSigningKey'>,
  ) {
    const config: AnchorerConfig = {
      eventStoreUrl: undefined,
      kafkaBrokers: kafkaBrokers(),
      relayBatchSize: 50,
      relayLockPollMs: 200,
      auditAnchorIntervalMs: 200,
      auditWitnessFile: undefined,
      auditWitnessUrl: undefined,
      ...overrides,
    };
    const logger = pino({ level: 'info' }, { write: (line: string) => this.lines.push(line) });
    this.runtime = new AnchorerRuntime(config, logger, this.registry);
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
    return (await metric.get()).values[0]?.value ?? Number.NaN;
  }
}
