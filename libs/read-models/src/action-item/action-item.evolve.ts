import { actionItemDueAt } from '@incident/domain';
import { type DirectoryTerms, NO_TERMS } from '../directory-terms/directory-terms';
import type { ProjectedEvent } from '../projection/projected-event';
import type { ActionItem } from './action-item.entity';

/** The domain accepts a date or a full timestamp as the due date; the table keeps the (UTC) day. */
export const dueDay = (dueDate: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(dueDate) ? dueDate : new Date(dueDate).toISOString().slice(0, 10);

/** The incident's action items after one event; `terms`: the directory in force there (the owner's team). */
export function evolveActionItems(
  rows: readonly ActionItem[],
  { event }: ProjectedEvent,
  terms: DirectoryTerms = NO_TERMS,
): readonly ActionItem[] {
  switch (event.type) {
    case 'ActionItemAdded': {
      const { incidentId, actionItemId, kind, title, owner, dueDate, addedAt } = event.data;
      const added: ActionItem = {
        incidentId,
        actionItemId,
        kind,
        title,
        owner,
        ownerTeam: terms.teamOf?.(owner) ?? null,
        dueDate: dueDay(dueDate),
        dueAt: actionItemDueAt(dueDate),
        ticketUrl: event.data.ticketUrl ?? null,
        status: 'open',
        addedAt: new Date(addedAt),
        completedAt: null,
        completedBy: null,
        evidence: null,
      };
      return [...rows, added];
    }
    case 'ActionItemCompleted': {
      const { actionItemId, completedAt, completedBy, evidence } = event.data;
      return rows.map((row) =>
        row.actionItemId === actionItemId
          ? { ...row, status: 'completed', completedAt: new Date(completedAt), completedBy, evidence: evidence ?? null }
          : row,
      );
    }
    default:
      return rows;
  }
}
