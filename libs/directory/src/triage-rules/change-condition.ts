import type { TriageChange, TriageFacts } from './triage-rule-set';

/** One condition checked: whether it holds, and the sentence that says so (or says why not). */
export interface ChangeCheck {
  readonly holds: boolean;
  readonly because: string;
}

const MINUTE_MS = 60_000;

/**
 * "Within N minutes of a deploy" (issue 21): the latest change of the incident's service (of the given types)
 * at most `withinMinutes` before `facts.at`. The sentence names the change, so the triage reasons say which
 * deploy to look at first. A change after `at` does not count: it cannot have caused what was already seen.
 */
export function changeWithin(
  withinMinutes: number,
  types: readonly string[] | undefined,
  facts: Pick<TriageFacts, 'at' | 'service' | 'changes'>,
): ChangeCheck {
  const at = Date.parse(facts.at);
  const wanted = types?.map((type) => type.toLowerCase());
  const near = (change: TriageChange): boolean => {
    const before = at - Date.parse(change.occurredAt);
    return before >= 0 && before <= withinMinutes * MINUTE_MS && (!wanted || wanted.includes(change.changeType));
  };
  const latest = (facts.changes ?? [])
    .filter(near)
    .reduce<TriageChange | undefined>(
      (last, change) => (!last || Date.parse(change.occurredAt) > Date.parse(last.occurredAt) ? change : last),
      undefined,
    );
  const what = wanted ? wanted.join(' or ') : 'change';
  if (!latest) {
    return { holds: false, because: `no ${what} of ${facts.service} within ${withinMinutes} minutes before` };
  }
  const minutes = Math.floor((at - Date.parse(latest.occurredAt)) / MINUTE_MS);
  return {
    holds: true,
    because:
      `${latest.changeType} "${latest.summary}" (${latest.source}) on ${facts.service} ` +
      `${minutes} minutes before, at ${latest.occurredAt}`,
  };
}
