import { SLA_KINDS, type SlaKind } from '@incident/domain';
import type { ProjectedEvent } from '../projection/projected-event';
import type { SlaStatus } from './sla-status.entity';

type Rows = readonly SlaStatus[];

const currentCycle = (rows: Rows): number => rows.reduce((max, row) => Math.max(max, row.cycle), -1);

/** Changes the current cycle's rows that `pick` selects; others stay the same objects. */
function update(rows: Rows, pick: (row: SlaStatus) => boolean, change: (row: SlaStatus) => SlaStatus): Rows {
  const cycle = currentCycle(rows);
  return rows.map((row) => (row.cycle === cycle && pick(row) ? change(row) : row));
}

function startCycle(rows: Rows, incidentId: string, cycle: number, startedAt: string, drill: boolean): Rows {
  const previous = rows.find((row) => row.cycle === currentCycle(rows));
  const started = SLA_KINDS.map((sla): SlaStatus => ({
    incidentId,
    cycle,
    sla,
    state: 'running',
    // A reopen keeps the classification (the domain does too) until triage says otherwise.
    team: previous?.team ?? null,
    severity: previous?.severity ?? null,
    drill: previous?.drill ?? drill,
    startedAt: new Date(startedAt),
    achievedAt: null,
    breachedAt: null,
    targetMinutes: null,
    stoppedAt: null,
    dueAt: null,
  }));
  return [...rows, ...started];
}

const achieve = (rows: Rows, sla: SlaKind, at: string): Rows =>
  update(
    rows,
    (row) => row.sla === sla && row.achievedAt === null,
    (row) => ({ ...row, state: row.state === 'running' ? 'met' : row.state, achievedAt: new Date(at) }),
  );

const stopRunning = (rows: Rows, at: string): Rows =>
  update(
    rows,
    (row) => row.state === 'running',
    (row) => ({ ...row, state: 'stopped', stoppedAt: new Date(at) }),
  );

/** The incident's SLA rows after one event. */
export function evolveSlaStatus(rows: Rows, { event }: ProjectedEvent): Rows {
  switch (event.type) {
    case 'IncidentOpened':
      return startCycle(rows, event.data.incidentId, 0, event.data.openedAt, event.data.drill);
    case 'IncidentReopened':
      return startCycle(rows, event.data.incidentId, event.data.reopenCount, event.data.reopenedAt, false);
    case 'IncidentTriaged':
    case 'IncidentReclassified': {
      const { owningTeam, severity } = event.data;
      return update(
        rows,
        () => true,
        (row) => ({ ...row, team: owningTeam, severity }),
      );
    }
    case 'IncidentReturnedToCustomer': {
      const severity = event.data.downgradedTo;
      const downgraded = severity
        ? update(
            rows,
            () => true,
            (row) => ({ ...row, severity }),
          )
        : rows;
      return stopRunning(downgraded, event.data.returnedAt);
    }
    case 'SeverityChanged': {
      const { severity } = event.data;
      return update(
        rows,
        () => true,
        (row) => ({ ...row, severity }),
      );
    }
    case 'IncidentMarkedNoAction':
      return stopRunning(rows, event.data.markedAt);
    case 'IncidentAcknowledged':
      return achieve(rows, 'acknowledgement', event.data.acknowledgedAt);
    case 'IncidentMitigated':
      return achieve(rows, 'mitigation', event.data.mitigatedAt);
    case 'IncidentResolved':
      // Resolved (by a person or the source): nobody needs to acknowledge or mitigate any more.
      return stopRunning(achieve(rows, 'resolution', event.data.resolvedAt), event.data.resolvedAt);
    case 'SlaBreached': {
      const { sla, breachedAt, targetMinutes } = event.data;
      return update(
        rows,
        (row) => row.sla === sla,
        (row) => ({ ...row, state: 'breached', breachedAt: new Date(breachedAt), targetMinutes }),
      );
    }
    case 'IncidentClosed':
      return stopRunning(rows, event.data.closedAt);
    case 'SlaClockStarted': {
      const { sla, targetMinutes, dueAt } = event.data;
      return update(
        rows,
        (row) => row.sla === sla,
        (row) => ({ ...row, targetMinutes, dueAt: new Date(dueAt) }),
      );
    }
    default:
      return rows;
  }
}
