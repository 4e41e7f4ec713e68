import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { In } from 'typeorm';
import type { ProjectedEvent } from './projected-event';
import { upsertRows } from './upsert-rows';

/** A read model whose rows each belong to one incident (the incident's summary, its SLA clocks, its pages…). */
export interface IncidentRowsModel<Row extends ObjectLiteral & { incidentId: string }> {
  readonly entity: EntityTarget<Row>;
  /**
   * The incident's rows after one more event. Pure; returns the very same row objects for rows it leaves
   * alone, which is how the writer knows what to save.
   */
  evolve(rows: readonly Row[], projected: ProjectedEvent): readonly Row[];
}

/**
 * Applies a batch to an incident-scoped model: loads the rows of every incident the batch touches in one query,
 * folds the events over them in memory, and upserts only the rows that changed. A batch costs two statements
 * per table however many events it holds, which is what makes a rebuild fast.
 */
export async function applyToIncidentRows<Row extends ObjectLiteral & { incidentId: string }>(
  manager: EntityManager,
  model: IncidentRowsModel<Row>,
  events: readonly ProjectedEvent[],
): Promise<Row[]> {
  if (events.length === 0) return [];
  const incidentIds = [...new Set(events.map((projected) => projected.placement.incidentId))];
  const loaded = await manager.getRepository(model.entity).find({ where: { incidentId: In(incidentIds) } as never });
  const untouched = new Set<Row>(loaded);
  const byIncident = new Map<string, readonly Row[]>(incidentIds.map((id) => [id, []]));
  for (const row of loaded) byIncident.set(row.incidentId, [...(byIncident.get(row.incidentId) ?? []), row]);
  for (const projected of events) {
    const id = projected.placement.incidentId;
    byIncident.set(id, model.evolve(byIncident.get(id) ?? [], projected));
  }
  const changed = [...byIncident.values()].flat().filter((row) => !untouched.has(row));
  await upsertRows(manager, model.entity, changed);
  return changed;
}
