import type { Projection } from '../projection/projection';
import { applyToIncidentRows } from '../projection/incident-rows';
import { OncallPage } from './oncall-page.entity';
import { ONCALL_PAGE_EVENTS } from './oncall-page.events';
import { evolveOncallPages } from './oncall-page.evolve';

export const oncallPageProjection: Projection = {
  name: 'oncall_page',
  description: 'pages sent to on-call responders and how each was answered',
  tables: ['oncall_page'],
  handles: ONCALL_PAGE_EVENTS,
  apply: async (manager, events) => {
    await applyToIncidentRows(manager, { entity: OncallPage, evolve: evolveOncallPages }, events);
  },
};
