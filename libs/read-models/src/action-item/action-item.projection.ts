import type { ProjectedEvent } from '../projection/projected-event';
import type { Projection } from '../projection/projection';
import { applyToIncidentRows } from '../projection/incident-rows';
import { ActionItem } from './action-item.entity';
import { ACTION_ITEM_EVENTS } from './action-item.events';
import { evolveActionItems } from './action-item.evolve';

export const actionItemProjection: Projection = {
  name: 'action_item',
  description: 'action items from post-incident reviews, open or completed, with the owner’s team and due time',
  tables: ['action_item'],
  handles: ACTION_ITEM_EVENTS,
  apply: async (manager, events, context) => {
    const evolve = (rows: readonly ActionItem[], projected: ProjectedEvent) =>
      evolveActionItems(rows, projected, context.termsAt(projected.placement));
    await applyToIncidentRows(manager, { entity: ActionItem, evolve }, events);
  },
};
