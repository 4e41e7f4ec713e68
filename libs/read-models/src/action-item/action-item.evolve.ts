import type { ProjectedEvent } from '../projection/projected-event';
import type { ActionItem } from './action-item.entity';

/** The domain accepts a date or a full timestamp as the due date; the table keeps the (UTC) day. */
export const dueDay = (dueDate: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(dueDate) ? dueDate : new Date(dueDate).toISOString().slice(0, 10);

/** The incident's action items after one event. */
export function evolveActionItems(rows: readonly ActionItem[], { event }: ProjectedEvent): readonly ActionItem[] {
  switch (event.type) {
    case 'ActionItemAdded': {
      const { incidentId, actionItemId, kind, title, owner, dueDate, addedAt } = event.data;
      const added: ActionItem = {
        incidentId,
        actionItemId,
        kind,
        title,
        owner,
        dueDate: dueDay(dueDate),
        status: 'open',
        addedAt: new Date(addedAt),
        completedAt: null,
        completedBy: null,
      };
      return [...rows, added];
    }
    case 'ActionItemCompleted': {
      const { actionItemId, completedAt, completedBy } = event.data;
      return rows.map((row) =>
        row.actionItemId === actionItemId
          ? { ...row, status: 'completed', completedAt: new Date(completedAt), completedBy }
          : row,
      );
    }
    default:
      return rows;
  }
}
