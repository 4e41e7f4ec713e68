import { Counter, Gauge, type Registry } from 'prom-client';

/** The anchorer's metrics, registered on the relay's registry. */
export class AnchorerMetrics {
  private active = false;
  private readonly anchors: Counter;
  private readonly leaves: Counter;

  constructor(registry: Registry) {
    const isActive = () => this.active;
    new Gauge({
      name: 'audit_anchorer_active',
      help: '1 while this instance holds the anchorer lock and signs anchors; 0 while it stands by.',
      registers: [registry],
      collect() {
        this.set(isActive() ? 1 : 0);
      },
    });
    this.anchors = new Counter({
      name: 'audit_anchors_published_total',
      help: 'Anchors this instance published on audit.anchors (acknowledged by the broker).',
      registers: [registry],
    });
    this.leaves = new Counter({
      name: 'audit_anchored_heads_total',
      help: 'Stream heads covered by the anchors this instance published.',
      registers: [registry],
    });
  }

  setActive(active: boolean): void {
    this.active = active;
  }

  published(leaves: number): void {
    this.anchors.inc();
    this.leaves.inc(leaves);
  }
}
