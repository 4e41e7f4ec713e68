import { type Component, unavailableReason } from './infrastructure-env';

/**
 * `describe` for suites that need real infrastructure. When a component is missing (outside CI; under CI
 * globalSetup has already failed the run) the suite is skipped and the reason is printed where the
 * developer will see it.
 */
export function describeWithInfrastructure(needs: readonly Component[], name: string, body: () => void): void {
  const reasons = needs.map(unavailableReason).filter((reason): reason is string => reason !== undefined);
  if (reasons.length === 0) {
    describe(name, body);
    return;
  }
  console.warn(`SKIPPED "${name}": ${reasons.join('; ')}`);
  describe.skip(`${name} [SKIPPED: ${reasons.join('; ')}]`, body);
}
