import type { IncidentEventOf, IncidentEventType, TimeKind } from '@incident/domain';
import type { DirectoryTerms } from '../directory-terms/directory-terms';
import type { ProjectedEvent } from '../projection/projected-event';
import type { CustomerHours, CustomerHoursIncident } from './customer-hours.entity';

export const CUSTOMER_HOURS_EVENTS: ReadonlySet<IncidentEventType> = new Set<IncidentEventType>([
  'IncidentOpened',
  'TimeLogged',
  'PreApprovedHoursExceeded',
]);

const KIND_COLUMN = {
  corrective: 'correctiveMinutes',
  preventive: 'preventiveMinutes',
  investigation: 'investigationMinutes',
} as const satisfies Record<TimeKind, keyof CustomerHours>;

/** The rows a batch reads and changes, keyed by incident id and by hoursKey(customer, period). */
export interface CustomerHoursState {
  readonly incidents: Map<string, CustomerHoursIncident>;
  readonly hours: Map<string, CustomerHours>;
}

export const hoursKey = (customerId: string, period: string): string => `${customerId}\u0000${period}`;

/** The period the domain recorded, else the entry's UTC month. */
export const periodOf = (data: IncidentEventOf<'TimeLogged'>['data']): string =>
  data.period ?? new Date(data.loggedAt).toISOString().slice(0, 7);

const overrun = (used: number, budget: number | null): number => (budget === null ? 0 : Math.max(0, used - budget));

function empty(customerId: string, period: string, at: Date): CustomerHours {
  return {
    customerId,
    period,
    budgetMinutes: null,
    usedMinutes: 0,
    correctiveMinutes: 0,
    preventiveMinutes: 0,
    investigationMinutes: 0,
    overrunMinutes: 0,
    exceededAt: null,
    entries: 0,
    lastLoggedAt: at,
  };
}

/** The period's row with one more entry; `budget` from the directory in force, if it lists the customer. */
export function withEntry(
  row: CustomerHours | undefined,
  entry: { customerId: string; period: string; kind: TimeKind; minutes: number; loggedAt: string },
  budget: number | undefined,
): CustomerHours {
  const at = new Date(entry.loggedAt);
  const before = row ?? empty(entry.customerId, entry.period, at);
  const budgetMinutes = budget ?? before.budgetMinutes;
  const usedMinutes = before.usedMinutes + entry.minutes;
  const column = KIND_COLUMN[entry.kind];
  const over = overrun(usedMinutes, budgetMinutes);
  return {
    ...before,
    budgetMinutes,
    usedMinutes,
    [column]: before[column] + entry.minutes,
    overrunMinutes: over,
    exceededAt: before.exceededAt ?? (over > 0 ? at : null),
    entries: before.entries + 1,
    lastLoggedAt: at > before.lastLoggedAt ? at : before.lastLoggedAt,
  };
}

/** The budget the domain applied when it recorded an overrun: the figure the responder was shown. */
function withRecordedBudget(row: CustomerHours | undefined, budgetMinutes: number): CustomerHours | undefined {
  if (!row) return undefined;
  return { ...row, budgetMinutes, overrunMinutes: overrun(row.usedMinutes, budgetMinutes) };
}

/** Folds one event into the batch's rows, replacing the rows it changes (the others stay the same objects). */
export function evolveCustomerHours(state: CustomerHoursState, { event }: ProjectedEvent, terms: DirectoryTerms): void {
  switch (event.type) {
    case 'IncidentOpened': {
      const { incidentId, customerId, drill } = event.data;
      state.incidents.set(incidentId, { incidentId, customerId, drill });
      return;
    }
    case 'TimeLogged': {
      const incident = state.incidents.get(event.data.incidentId);
      if (!incident || incident.drill) return;
      const { customerId } = incident;
      const period = periodOf(event.data);
      const key = hoursKey(customerId, period);
      const { kind, minutes, loggedAt } = event.data;
      const entry = { customerId, period, kind, minutes, loggedAt };
      state.hours.set(key, withEntry(state.hours.get(key), entry, terms.preApprovedMinutes(customerId)));
      return;
    }
    case 'PreApprovedHoursExceeded': {
      // Only the customer's period budget: the older incident-level allowance (period null) is not the customer's.
      const { customerId, period, budgetMinutes } = event.data;
      const incident = state.incidents.get(event.data.incidentId);
      if (customerId === null || period === null || !incident || incident.drill) return;
      const key = hoursKey(customerId, period);
      const changed = withRecordedBudget(state.hours.get(key), budgetMinutes);
      if (changed) state.hours.set(key, changed);
      return;
    }
    default:
      return;
  }
}
