import type { Projection } from '../projection/projection';
import { applyToIncidentRows } from '../projection/incident-rows';
import { SlaStatus } from './sla-status.entity';
import { SLA_STATUS_EVENTS } from './sla-status.events';
import { evolveSlaStatus } from './sla-status.evolve';

export const slaStatusProjection: Projection = {
  name: 'sla_status',
  description: 'acknowledgement, mitigation and resolution SLA clocks per incident and response cycle',
  tables: ['sla_status'],
  handles: SLA_STATUS_EVENTS,
  apply: async (manager, events) => {
    await applyToIncidentRows(manager, { entity: SlaStatus, evolve: evolveSlaStatus }, events);
  },
};
