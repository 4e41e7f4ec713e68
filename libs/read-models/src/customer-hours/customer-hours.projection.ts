import { In, type EntityManager } from 'typeorm';
import type { Projection, ProjectionContext } from '../projection/projection';
import type { ProjectedEvent } from '../projection/projected-event';
import { upsertRows } from '../projection/upsert-rows';
import { CustomerHours, CustomerHoursIncident } from './customer-hours.entity';
import { CUSTOMER_HOURS_EVENTS, evolveCustomerHours, hoursKey, periodOf } from './customer-hours.evolve';

/** The (customer, period) rows the batch's time entries and overruns can touch, in one query (served by the key). */
async function loadHours(
  manager: EntityManager,
  events: readonly ProjectedEvent[],
  incidents: ReadonlyMap<string, CustomerHoursIncident>,
): Promise<CustomerHours[]> {
  const keys: [string, string][] = [];
  for (const { event } of events) {
    if (event.type === 'TimeLogged') {
      const customerId = incidents.get(event.data.incidentId)?.customerId;
      if (customerId !== undefined) keys.push([customerId, periodOf(event.data)]);
    } else if (event.type === 'PreApprovedHoursExceeded' && event.data.customerId && event.data.period) {
      keys.push([event.data.customerId, event.data.period]);
    }
  }
  if (keys.length === 0) return [];
  const unique = new Map(keys.map(([customerId, period]) => [hoursKey(customerId, period), { customerId, period }]));
  return manager.getRepository(CustomerHours).find({ where: [...unique.values()] });
}

async function applyCustomerHours(
  manager: EntityManager,
  events: readonly ProjectedEvent[],
  context: ProjectionContext,
): Promise<void> {
  const incidentIds = [...new Set(events.map((projected) => projected.placement.incidentId))];
  const known = await manager.getRepository(CustomerHoursIncident).findBy({ incidentId: In(incidentIds) });
  const incidents = new Map(known.map((row) => [row.incidentId, row]));
  // Openings come before their time entries, so the lookup must hold the batch's own openings before loading.
  for (const { event } of events) {
    if (event.type === 'IncidentOpened') {
      const { incidentId, customerId, drill } = event.data;
      incidents.set(incidentId, { incidentId, customerId, drill });
    }
  }
  const loaded = await loadHours(manager, events, incidents);
  const state = {
    incidents: new Map(known.map((row) => [row.incidentId, row])),
    hours: new Map(loaded.map((row) => [hoursKey(row.customerId, row.period), row])),
  };
  for (const projected of events) evolveCustomerHours(state, projected, context.termsAt(projected.placement));
  const knownRows = new Set<object>([...known, ...loaded]);
  const changed = <Row extends object>(rows: Iterable<Row>) => [...rows].filter((row) => !knownRows.has(row));
  await upsertRows(manager, CustomerHoursIncident, changed(state.incidents.values()));
  await upsertRows(manager, CustomerHours, changed(state.hours.values()));
}

export const customerHoursProjection: Projection = {
  name: 'customer_hours',
  description: "time logged against each customer's pre-approved hours per month, by kind, with the overrun",
  tables: ['customer_hours', 'customer_hours_incident'],
  handles: CUSTOMER_HOURS_EVENTS,
  apply: applyCustomerHours,
};
