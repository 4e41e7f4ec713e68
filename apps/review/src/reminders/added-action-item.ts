import type { ActionItemAdded, IncidentEvent } from '@incident/domain';
import type { RecordedEvent } from '@incident/event-store';

/** The item as it was added (the state keeps neither its ticket nor its original due-date spelling). */
export function addedActionItem(
  history: readonly RecordedEvent[],
  actionItemId: string,
): ActionItemAdded['data'] | undefined {
  const events = history as unknown as readonly IncidentEvent[];
  const added = events.find((event) => event.type === 'ActionItemAdded' && event.data.actionItemId === actionItemId);
  return added?.type === 'ActionItemAdded' ? added.data : undefined;
}
