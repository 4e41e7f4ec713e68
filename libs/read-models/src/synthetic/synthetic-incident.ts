import { randomUUID } from 'node:crypto';
import {
  incidentDecider,
  type IncidentCommand,
  type IncidentEvent,
  type IncidentState,
  incidentStreamId,
} from '@incident/domain';
import { commandEvents, type NewEvent } from '@incident/event-store';
import { MONTH, NOW, syntheticScript } from './synthetic-script';

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

/** The template with NOW and MONTH replaced by the step's time and month, in nested objects too. */
function filledIn(template: Readonly<Record<string, unknown>>, occurredAt: string): Record<string, unknown> {
  const fill = (value: unknown): unknown => {
    if (value === NOW) return occurredAt;
    if (value === MONTH) return occurredAt.slice(0, 7);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return filledIn(value as Record<string, unknown>, occurredAt);
    }
    return value;
  };
  return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, fill(value)]));
}

export function syntheticIncident(index: number, incidentId: string = randomUUID()): SyntheticIncident {
  const openedAt = EPOCH + index * SPACING_MS;
  let state: IncidentState = incidentDecider.initialState();
  const events: SyntheticIncident['events'] = [];
  for (const [minute, type, template] of syntheticScript(index)) {
    const occurredAt = new Date(openedAt + minute * 60_000).toISOString();
    const data = filledIn({ ...template, incidentId }, occurredAt);
    const decided = incidentDecider.decide({ type, data } as unknown as IncidentCommand, state);
    state = decided.reduce(incidentDecider.evolve, state);
    // Written as the command handler writes them; the store stamps each type's current schema version.
    events.push(...commandEvents(type, decided, { occurredAt, actor: SYNTHETIC, correlationId: `synthetic-${index}` }));
  }
  return { incidentId, streamId: incidentStreamId(incidentId), events };
}
