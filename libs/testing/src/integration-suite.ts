import { type Component, isCi, unavailableReason } from './infrastructure-env';

/** Whether a suite needing these components runs, or is skipped and why. */
export type InfrastructureVerdict = { readonly run: true } | { readonly run: false; readonly reasons: string[] };

/**
 * Under CI only EventStoreDB may be missing (none can run on the machines here); PostgreSQL or Kafka marked
 * unavailable there is an error, whatever put TEST_*_UNAVAILABLE into the environment, so a CI run can never
 * pass by skipping them.
 */
export function infrastructureVerdict(needs: readonly Component[]): InfrastructureVerdict {
  const missing = needs
    .map((component) => ({ component, reason: unavailableReason(component) }))
    .filter((entry): entry is { component: Component; reason: string } => entry.reason !== undefined);
  const required = missing.filter(({ component }) => component !== 'eventstoredb');
  if (isCi() && required.length > 0) {
    const list = required.map(({ component, reason }) => `${component} (${reason})`).join('; ');
    throw new Error(`CI=true: suites needing ${list} must run, not be skipped`);
  }
  return missing.length === 0 ? { run: true } : { run: false, reasons: missing.map(({ reason }) => reason) };
}

/**
 * `describe` for suites that need real infrastructure. When a component is missing outside CI the suite is
 * skipped and the reason is printed where the developer will see it; under CI see infrastructureVerdict.
 */
export function describeWithInfrastructure(needs: readonly Component[], name: string, body: () => void): void {
  const verdict = infrastructureVerdict(needs);
  if (verdict.run) {
    describe(name, body);
    return;
  }
  console.warn(`SKIPPED "${name}": ${verdict.reasons.join('; ')}`);
  describe.skip(`${name} [SKIPPED: ${verdict.reasons.join('; ')}]`, body);
}
