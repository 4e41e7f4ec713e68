import { acknowledged, event, fold, minute, mitigated, opened, resolved, triaged } from '../testing-support/projected';
import type { SlaStatus } from './sla-status.entity';
import { evolveSlaStatus } from './sla-status.evolve';

const clocks = (...events: Parameters<typeof fold>[2]) =>
  fold<readonly SlaStatus[]>(evolveSlaStatus, [], events).map(({ cycle, sla, state, team }) => ({
    cycle,
    sla,
    state,
    team,
  }));

describe('SLA status', () => {
  it('opening starts four running clocks; triage classifies them', () => {
    expect(clocks(opened(), triaged('database'))).toEqual([
      { cycle: 0, sla: 'acknowledgement', state: 'running', team: 'database' },
      { cycle: 0, sla: 'mitigation', state: 'running', team: 'database' },
      { cycle: 0, sla: 'resolution', state: 'running', team: 'database' },
      { cycle: 0, sla: 'customer_update', state: 'running', team: 'database' },
    ]);
  });

  it('resolved at the source before anyone acted: resolution met, the others stopped', () => {
    const atSource = resolved(3, { cause: 'source', resolvedBy: 'source', summary: 'cleared' });
    expect(clocks(opened(), atSource).map(({ state }) => state)).toEqual(['stopped', 'stopped', 'met', 'stopped']);
  });

  it('no action needed stops every clock', () => {
    const noAction = event('IncidentMarkedNoAction', {
      reason: 'test workflow',
      decidedBy: 'triage',
      markedAt: minute(2),
    });
    expect(clocks(opened(), triaged(), noAction).map(({ state }) => state)).toEqual([
      'stopped',
      'stopped',
      'stopped',
      'stopped',
    ]);
  });

  it('a reopen starts cycle 1 with the classification kept, leaving cycle 0 as it ended', () => {
    const history = [
      opened(),
      triaged('network'),
      acknowledged(2),
      event('SlaBreached', { sla: 'acknowledgement', targetMinutes: 1, breachedAt: minute(3) }),
      mitigated(4),
      resolved(5),
      event('IncidentReopened', { alertId: null, reopenCount: 1, alertCount: 2, reopenedAt: minute(6) }),
    ];
    expect(clocks(...history)).toEqual([
      { cycle: 0, sla: 'acknowledgement', state: 'breached', team: 'network' },
      { cycle: 0, sla: 'mitigation', state: 'met', team: 'network' },
      { cycle: 0, sla: 'resolution', state: 'met', team: 'network' },
      { cycle: 0, sla: 'customer_update', state: 'stopped', team: 'network' },
      { cycle: 1, sla: 'acknowledgement', state: 'running', team: 'network' },
      { cycle: 1, sla: 'mitigation', state: 'running', team: 'network' },
      { cycle: 1, sla: 'resolution', state: 'running', team: 'network' },
      { cycle: 1, sla: 'customer_update', state: 'running', team: 'network' },
    ]);
  });
});

describe('SLA status due times (issue 15)', () => {
  it('gives a running clock the due time its SlaClockStarted named; the others keep none', () => {
    const started = event('SlaClockStarted', {
      sla: 'acknowledgement',
      targetMinutes: 15,
      dueAt: minute(16),
      startedAt: minute(1),
    });
    const rows = fold<readonly SlaStatus[]>(evolveSlaStatus, [], [opened(), triaged('database'), started]);
    expect(rows.map(({ sla, state, dueAt, targetMinutes }) => ({ sla, state, dueAt, targetMinutes }))).toEqual([
      { sla: 'acknowledgement', state: 'running', dueAt: new Date(minute(16)), targetMinutes: 15 },
      { sla: 'mitigation', state: 'running', dueAt: null, targetMinutes: null },
      { sla: 'resolution', state: 'running', dueAt: null, targetMinutes: null },
      { sla: 'customer_update', state: 'running', dueAt: null, targetMinutes: null },
    ]);
  });

  it('shows the customer-update clock due from the latest update once it is started again', () => {
    const startedAt = (at: number) =>
      event('SlaClockStarted', {
        sla: 'customer_update',
        targetMinutes: 30,
        dueAt: minute(at + 30),
        startedAt: minute(at),
      });
    const rows = fold<readonly SlaStatus[]>(evolveSlaStatus, [], [opened(), triaged(), startedAt(1), startedAt(20)]);
    expect(rows.find(({ sla }) => sla === 'customer_update')).toMatchObject({
      state: 'running',
      dueAt: new Date(minute(50)),
    });
  });
});
