import { INCIDENT_UPCASTERS } from '@incident/event-store';

/**
 * The schema version the domain emits today for an event type: one past the last upcaster registered for it.
 * Synthetic events carry it explicitly, because an event appended without one is recorded as version 1 and
 * would be "upcast" on read as if it had the old shape.
 */
export function currentSchemaVersion(type: string): number {
  return INCIDENT_UPCASTERS.filter((upcaster) => upcaster.type === type).reduce(
    (version, upcaster) => Math.max(version, upcaster.fromVersion + 1),
    1,
  );
}
