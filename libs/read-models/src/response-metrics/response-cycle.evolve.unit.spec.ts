import {
  acknowledged,
  event,
  fold,
  minute,
  mitigated,
  opened,
  reclassifiedAsBug,
  resolved,
  triaged,
} from '../testing-support/projected';
import type { ResponseCycle } from './response-cycle.entity';
import { evolveResponseCycles } from './response-cycle.evolve';

const cycles = (...events: Parameters<typeof fold>[2]) =>
  fold<readonly ResponseCycle[]>(evolveResponseCycles, [], events).map(
    ({ cycle, day, team, severity, acknowledgedAt, resolvedAt, mitigationBreached }) => ({
      cycle,
      day,
      team,
      severity,
      acknowledged: acknowledgedAt !== null,
      resolved: resolvedAt !== null,
      mitigationBreached,
    }),
  );

describe('response cycles', () => {
  it('a reclassification moves the open cycle to the new team and severity', () => {
    const reclassified = reclassifiedAsBug(3);
    expect(cycles(opened(), triaged('infrastructure', 'urgent'), reclassified)).toEqual([
      {
        cycle: 0,
        day: '2026-11-20',
        team: 'application-support',
        severity: 'low',
        acknowledged: false,
        resolved: false,
        mitigationBreached: false,
      },
    ]);
  });

  it('a reopen adds a cycle on its own day and leaves the first one as it ended', () => {
    const history = [
      opened(),
      triaged('network', 'high'),
      acknowledged(2),
      event('SlaBreached', { sla: 'mitigation', targetMinutes: 1, breachedAt: minute(3) }),
      mitigated(4),
      resolved(5),
      event('IncidentReopened', { alertId: null, reopenCount: 1, alertCount: 2, reopenedAt: minute(24 * 60) }),
    ];
    expect(cycles(...history)).toEqual([
      {
        cycle: 0,
        day: '2026-11-20',
        team: 'network',
        severity: 'high',
        acknowledged: true,
        resolved: true,
        mitigationBreached: true,
      },
      {
        cycle: 1,
        day: '2026-11-21',
        team: 'network',
        severity: 'high',
        acknowledged: false,
        resolved: false,
        mitigationBreached: false,
      },
    ]);
  });

  it('keeps the category, and times the review from the latest resolution to its publication', () => {
    const published = event('ReviewPublished', {
      summary: 'disk full',
      renderedSha256: null,
      renderedHtmlSha256: null,
      publishedBy: 'carol',
      publishedAt: minute(5 + 2 * 24 * 60),
    });
    const [cycle] = fold<readonly ResponseCycle[]>(
      evolveResponseCycles,
      [],
      [opened(), triaged('network', 'high'), acknowledged(2), resolved(5), published],
    );
    expect(cycle).toMatchObject({ category: 'resources.exhausted', resolvedAt: new Date(minute(5)) });
    expect(cycle?.reviewedAt).toEqual(new Date(minute(5 + 2 * 24 * 60)));
  });

  it('leaves a cycle never resolved without a review time', () => {
    const published = event('ReviewPublished', {
      summary: 'early',
      renderedSha256: null,
      renderedHtmlSha256: null,
      publishedBy: 'carol',
      publishedAt: minute(9),
    });
    const [cycle] = fold<readonly ResponseCycle[]>(evolveResponseCycles, [], [opened(), triaged(), published]);
    expect(cycle?.reviewedAt).toBeNull();
  });
});
