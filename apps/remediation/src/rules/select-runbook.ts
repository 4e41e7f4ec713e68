import type { Runbook, RunbookSet } from '@incident/directory';
import type { RemediationFacts } from './remediation-facts';

const matches = (runbook: Runbook, facts: RemediationFacts): boolean =>
  runbook.category === facts.category &&
  (runbook.service === undefined || runbook.service === facts.service) &&
  Object.entries(runbook.labels ?? {}).every(([name, value]) => facts.labels[name] === value);

/** A service match outweighs any number of labels: it was written for exactly this service. */
const specificity = (runbook: Runbook): number =>
  (runbook.service === undefined ? 0 : 1000) + Object.keys(runbook.labels ?? {}).length;

/** The most specific runbook for the incident; ties go to the first in the file. Undefined when none matches. */
export function selectRunbook(set: RunbookSet, facts: RemediationFacts): Runbook | undefined {
  let chosen: Runbook | undefined;
  for (const runbook of set.runbooks) {
    if (!matches(runbook, facts)) continue;
    if (chosen === undefined || specificity(runbook) > specificity(chosen)) chosen = runbook;
  }
  return chosen;
}
