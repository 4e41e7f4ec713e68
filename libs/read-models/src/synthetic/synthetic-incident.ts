import { randomUUID } from 'node:crypto';
import {
  incidentDecider,
  type IncidentCommand,
  type IncidentEvent,
  type IncidentState,
  incidentStreamId,
} from '@incident/domain';
import { commandEvents, type NewEvent } from '@incident/event-store';
import { NOW, syntheticScript } from './synthetic-script';

/**
 * Realistic incident histories for the projection benchmark and the crash and rebuild tests, decided by the real
 * domain, so each is a history the services could have written. Deterministic in `index` apart from the ids.
 */
export interface SyntheticIncident {
  readonly incidentId: string;
  readonly streamId: string;
  readonly events: NewEvent<IncidentEvent['type'], IncidentEvent['data']>[];
}

const SYNTHETIC = { kind: 'system', id: 'synthetic' } as const;
const EPOCH = Date.parse('2025-03-01T00:00:00.000Z');
/** Incidents open seven minutes apart: 100,000 events span about a month of days for the daily figures. */
const SPACING_MS = 7 * 60_000;

export function syntheticIncident(index: number, incidentId: string = randomUUID()): SyntheticIncident {
  const openedAt = EPOCH + index * SPACING_MS;
  let state: IncidentState = incidentDecider.initialState();
  const events: SyntheticIncident['events'] = [];
  for (const [minute, type, template] of syntheticScript(index)) {
    const occurredAt = new Date(openedAt + minute * 60_000).toISOString();
    const data = Object.fromEntries(
      Object.entries({ ...template, incidentId }).map(([key, value]) => [key, value === NOW ? occurredAt : value]),
    );
    const decided = incidentDecider.decide({ type, data } as unknown as IncidentCommand, state);
    state = decided.reduce(incidentDecider.evolve, state);
    // Written as the command handler writes them; the store stamps each type's current schema version.
    events.push(...commandEvents(type, decided, { occurredAt, actor: SYNTHETIC, correlationId: `synthetic-${index}` }));
  }
  return { incidentId, streamId: incidentStreamId(incidentId), events };
}
