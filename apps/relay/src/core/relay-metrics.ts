import { Counter, Gauge, type Registry } from 'prom-client';

export interface Lag {
  /** Store head position minus the highest position published (per the checkpoint). */
  readonly positions: bigint;
  /** Age of the oldest event not yet published; 0 when caught up. */
  readonly seconds: number;
}

/** Measures lag from the store and the durable checkpoint; undefined when they cannot be read right now. */
export type LagProbe = () => Promise<Lag | undefined>;

/** Scrapes come in pairs of gauges; one probe answers both. */
const PROBE_REUSE_MS = 1_000;

/**
 * The relay's metrics, registered on the service's registry. Lag is measured at scrape time from the store
 * and the checkpoint table, not from the loop's memory: a standby, or an active relay stuck on a broker that
 * is down, reports the true lag too, and `max(relay_lag_seconds)` over replicas needs no knowledge of roles.
 */
export class RelayMetrics {
  private active = false;
  private readonly publishedTotal: Counter;
  private probed: { at: number; lag: Promise<Lag | undefined> } | undefined;

  constructor(
    registry: Registry,
    private readonly probe: LagProbe,
  ) {
    // collect() runs with the gauge as `this`; these arrows reach the relay's state.
    const isActive = () => this.active;
    const lag = () => this.lag();
    this.publishedTotal = new Counter({
      name: 'relay_events_published_total',
      help: 'Store events this relay published to Kafka (acknowledged by the broker).',
      registers: [registry],
    });
    new Gauge({
      name: 'relay_active',
      help: '1 while this relay holds the lock and publishes; 0 while it stands by.',
      registers: [registry],
      collect() {
        this.set(isActive() ? 1 : 0);
      },
    });
    new Gauge({
      name: 'relay_lag_positions',
      help: "The store's head global position minus the highest one published.",
      registers: [registry],
      async collect() {
        const measured = await lag();
        if (measured) this.set(Number(measured.positions));
      },
    });
    new Gauge({
      name: 'relay_lag_seconds',
      help: 'Age in seconds of the oldest event not yet published; 0 when caught up.',
      registers: [registry],
      async collect() {
        const measured = await lag();
        if (measured) this.set(measured.seconds);
      },
    });
  }

  setActive(active: boolean): void {
    this.active = active;
  }

  get isActive(): boolean {
    return this.active;
  }

  published(count: number): void {
    this.publishedTotal.inc(count);
  }

  private lag(): Promise<Lag | undefined> {
    const now = Date.now();
    if (!this.probed || now - this.probed.at > PROBE_REUSE_MS) {
      // A failing probe leaves the gauges at their last values rather than failing the whole scrape.
      this.probed = { at: now, lag: this.probe().catch(() => undefined) };
    }
    return this.probed.lag;
  }
}
