import type { SlaKind } from '@incident/domain';
import type { ProjectedEvent } from '../projection/projected-event';
import type { ResponseCycle } from './response-cycle.entity';

type Rows = readonly ResponseCycle[];

const BREACH_COLUMN = {
  acknowledgement: 'acknowledgementBreached',
  mitigation: 'mitigationBreached',
  resolution: 'resolutionBreached',
  // Response metrics count the milestones of a cycle; a missed customer update is in sla_status only.
  customer_update: null,
} as const satisfies Record<SlaKind, keyof ResponseCycle | null>;

const utcDay = (iso: string): string => new Date(iso).toISOString().slice(0, 10);

const currentCycle = (rows: Rows): number => rows.reduce((max, row) => Math.max(max, row.cycle), -1);

/** Changes the latest cycle only: earlier cycles are history. */
function updateCurrent(rows: Rows, change: (row: ResponseCycle) => ResponseCycle): Rows {
  const current = currentCycle(rows);
  return rows.map((row) => (row.cycle === current ? change(row) : row));
}

function openCycle(rows: Rows, incidentId: string, cycle: number, openedAt: string, drill: boolean): Rows {
  const previous = rows.find((row) => row.cycle === currentCycle(rows));
  const opened: ResponseCycle = {
    incidentId,
    cycle,
    day: utcDay(openedAt),
    team: previous?.team ?? null,
    severity: previous?.severity ?? null,
    category: previous?.category ?? null,
    drill: previous?.drill ?? drill,
    openedAt: new Date(openedAt),
    acknowledgedAt: null,
    mitigatedAt: null,
    resolvedAt: null,
    reviewedAt: null,
    acknowledgementBreached: false,
    mitigationBreached: false,
    resolutionBreached: false,
  };
  return [...rows, opened];
}

/** The incident's response cycles after one event. */
export function evolveResponseCycles(rows: Rows, { event }: ProjectedEvent): Rows {
  switch (event.type) {
    case 'IncidentOpened': {
      const opened = openCycle(rows, event.data.incidentId, 0, event.data.openedAt, event.data.drill);
      const { category } = event.data;
      return category ? updateCurrent(opened, (row) => ({ ...row, category })) : opened;
    }
    case 'IncidentReopened':
      return openCycle(rows, event.data.incidentId, event.data.reopenCount, event.data.reopenedAt, false);
    case 'IncidentTriaged':
    case 'IncidentReclassified': {
      const { owningTeam, severity, category } = event.data;
      return updateCurrent(rows, (row) => ({ ...row, team: owningTeam, severity, category }));
    }
    case 'IncidentReturnedToCustomer': {
      const severity = event.data.downgradedTo;
      return severity ? updateCurrent(rows, (row) => ({ ...row, severity })) : rows;
    }
    case 'IncidentAcknowledged':
      return updateCurrent(rows, (row) => ({ ...row, acknowledgedAt: new Date(event.data.acknowledgedAt) }));
    case 'IncidentMitigated':
      return updateCurrent(rows, (row) => ({ ...row, mitigatedAt: new Date(event.data.mitigatedAt) }));
    case 'IncidentResolved':
      return updateCurrent(rows, (row) => ({ ...row, resolvedAt: new Date(event.data.resolvedAt) }));
    case 'ReviewPublished':
      // The review follows the latest resolution; a cycle never resolved has nothing to review.
      return updateCurrent(rows, (row) =>
        row.resolvedAt === null ? row : { ...row, reviewedAt: new Date(event.data.publishedAt) },
      );
    case 'SlaBreached': {
      const column = BREACH_COLUMN[event.data.sla];
      return column === null ? rows : updateCurrent(rows, (row) => ({ ...row, [column]: true }));
    }
    default:
      return rows;
  }
}
