import { Injectable } from '@nestjs/common';

/** Resolves when the dependency answers; a throw (or the health-check timeout) marks it down. */
export type ReadinessProbe = () => Promise<unknown>;

/**
 * Checks that other libraries add to `/health/ready`. The platform sits below them in the Nx layers and cannot
 * import them, so they register here when their module starts (the event store module adds `eventstore` when
 * EVENTSTORE_URL is set). Global, like the rest of the platform module.
 */
@Injectable()
export class ReadinessChecks {
  private readonly probes = new Map<string, ReadinessProbe>();

  add(name: string, probe: ReadinessProbe): void {
    this.probes.set(name, probe);
  }

  entries(): [string, ReadinessProbe][] {
    return [...this.probes];
  }
}
