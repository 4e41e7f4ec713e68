import { changesInWindow, type EventStore } from '@incident/event-store';
import { DirectoryVersions, directoryOf } from '../../versions/directory-versions';
import { evaluateTriage } from '../evaluate-triage';
import { triageFactsOf } from '../triage-facts';
import { DEFAULT_CHANGE_LOOKBACK_MINUTES, type TriageChange, type TriageRuleSet } from '../triage-rule-set';
import { directoryAt, type DirectoryInForce } from './directory-timeline';
import { type ReadProgress, readHistoricIncidents, type WhatIfPeriod } from './incident-history-reader';
import { proposedOutcome } from './proposed-outcome';
import { WhatIfComparison, type WhatIfRow, type WhatIfTotals } from './whatif-comparison';

export interface WhatIfReport {
  readonly period: { readonly from: string; readonly to: string };
  /** The proposal: `version` is null for a file never applied. */
  readonly ruleSet: { readonly version: number | null; readonly rules: number };
  readonly totals: WhatIfTotals;
  /** The incidents that would have been decided differently, oldest first. */
  readonly rows: readonly WhatIfRow[];
}

export interface RunWhatIfOptions {
  readonly period: WhatIfPeriod;
  /** Called after each page of the global log read (the long part of a run). */
  readonly onProgress?: (progress: ReadProgress) => void;
  readonly pageSize?: number;
}

/**
 * The service's changes as triage saw them when the incident was recorded (issue 21); read only when a rule
 * asks, so a rule set without change conditions costs no read per incident.
 */
async function changesFor(
  store: EventStore,
  ruleSet: TriageRuleSet,
  opened: { customerId: string; service: string; openedAt: string },
  recordedAt: string,
): Promise<TriageChange[] | undefined> {
  if (!ruleSet.rules.some((rule) => rule.when.changeWithinMinutes !== undefined)) return undefined;
  const lookback = ruleSet.changeLookbackMinutes ?? DEFAULT_CHANGE_LOOKBACK_MINUTES;
  return changesInWindow(store, {
    customerId: opened.customerId,
    service: opened.service,
    from: new Date(Date.parse(opened.openedAt) - lookback * 60_000).toISOString(),
    until: opened.openedAt,
    recordedBy: recordedAt,
  });
}

/**
 * Replays the period's real history through a proposed rule set: every incident opened in it, with the facts it
 * was opened with and the directory in force when it was recorded, evaluated by the same pure evaluateTriage as
 * the consumer, and compared with what was actually decided. It reads the store and writes nothing.
 */
export async function runWhatIf(
  store: EventStore,
  ruleSet: TriageRuleSet,
  options: RunWhatIfOptions,
): Promise<WhatIfReport> {
  const directories: DirectoryInForce[] = (await new DirectoryVersions(store).history()).map((version) => ({
    since: Date.parse(version.appliedAt),
    directory: directoryOf(version),
  }));
  const incidents = await readHistoricIncidents(store, options.period, {
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
  incidents.sort((a, b) => a.opened.openedAt.localeCompare(b.opened.openedAt));
  const comparison = new WhatIfComparison();
  for (const incident of incidents) {
    const { opened } = incident;
    const directory = directoryAt(directories, Date.parse(incident.recordedAt));
    const changes = await changesFor(store, ruleSet, opened, incident.recordedAt);
    const evaluation = evaluateTriage(triageFactsOf(opened, directory, opened.openedAt, changes), ruleSet);
    comparison.add({
      incidentId: opened.incidentId,
      openedAt: opened.openedAt,
      title: opened.title,
      customerId: opened.customerId,
      service: opened.service,
      decidedBy: incident.decidedBy,
      actual: incident.actual,
      proposed: proposedOutcome(evaluation),
    });
  }
  return {
    period: { from: options.period.from.toISOString(), to: options.period.to.toISOString() },
    ruleSet: { version: ruleSet.version, rules: ruleSet.rules.length },
    ...comparison.report(),
  };
}
