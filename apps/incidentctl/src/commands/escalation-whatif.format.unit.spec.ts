import type { EscalationWhatIf } from '@incident/directory';
import { formatEscalationWhatIf, parseSince } from './escalation-whatif.format';

const NOW = new Date('2026-12-03T12:00:00Z');

describe('parseSince', () => {
  it.each([
    ['30d', '2026-11-03T12:00:00.000Z'],
    ['12h', '2026-12-03T00:00:00.000Z'],
    ['90m', '2026-12-03T10:30:00.000Z'],
    ['2026-11-01T00:00:00Z', '2026-11-01T00:00:00.000Z'],
  ])('reads %s as %s', (value, expected) => {
    expect(parseSince(value, NOW)?.toISOString()).toBe(expected);
  });

  it.each(['30 days', 'd30', 'yesterday', '42'])('refuses %s', (value) => {
    expect(parseSince(value, NOW)).toBeUndefined();
  });
});

describe('formatEscalationWhatIf', () => {
  const report: EscalationWhatIf = {
    from: '2026-11-01T00:00:00.000Z',
    until: '2026-12-01T00:00:00.000Z',
    cycles: 2,
    drills: 0,
    people: [
      { personId: 'carol', name: 'Carol Nguyen', inForce: 1, proposed: 3 },
      { personId: 'alice', name: 'Alice Moreau', inForce: 2, proposed: 0 },
    ],
    breaches: [
      {
        incidentId: 'i-1',
        team: 'customer-success',
        severity: 'high',
        openedAt: '2026-11-17T10:00:00Z',
        acknowledgedAt: null,
        minutesToAcknowledge: 20,
        targetMinutes: 10,
        breachedInForce: true,
        firstProposedPageMinutes: null,
      },
    ],
    unpaged: [{ incidentId: 'i-1', team: 'customer-success' }],
  };

  it('prints pages per person with the change, the late acknowledgements, and cycles paging nobody', () => {
    expect(formatEscalationWhatIf(report, 'proposed.yaml')).toBe(
      [
        'escalation what-if 2026-11-01T00:00:00.000Z .. 2026-12-01T00:00:00.000Z: 2 response cycle(s), 0 drill(s); directory in force vs proposed.yaml',
        '',
        'person  name          in force  proposed  change',
        'carol   Carol Nguyen         1         3  +2',
        'alice   Alice Moreau         2         0  -2',
        '',
        'acknowledgements late under proposed.yaml: 1',
        'incident  team              severity  opened                ack (min)  target  late in force  first page (min)',
        'i-1       customer-success  high      2026-11-17T10:00:00Z  20 (none)      10  yes            never',
        '',
        'paging nobody under proposed.yaml: i-1 (customer-success)',
        '',
      ].join('\n'),
    );
  });
});
