import { randomUUID } from 'node:crypto';
import { incidentDecider, type IncidentCommand } from '@incident/domain';
import { handleCommand, type EventStore } from '@incident/event-store';

/** Opens an incident through the command loop, as intake would; returns its id. */
export async function openIncident(store: EventStore, title: string, customerId = 'console-co'): Promise<string> {
  const incidentId = randomUUID();
  const openedAt = new Date().toISOString();
  const command: IncidentCommand = {
    type: 'OpenIncident',
    data: {
      incidentId,
      dedupKey: incidentId,
      source: 'console-test',
      customerId,
      service: 'checkout',
      title,
      drill: false,
      openedAt,
    },
  };
  const context = {
    occurredAt: openedAt,
    actor: { kind: 'integration' as const, id: 'console-test' },
    correlationId: incidentId,
  };
  await handleCommand(store, incidentDecider, `incident-${incidentId}`, command, context);
  return incidentId;
}
