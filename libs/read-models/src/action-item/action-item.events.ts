import type { IncidentEventType } from '@incident/domain';

export const ACTION_ITEM_EVENTS: ReadonlySet<IncidentEventType> = new Set<IncidentEventType>([
  'ActionItemAdded',
  'ActionItemCompleted',
]);
