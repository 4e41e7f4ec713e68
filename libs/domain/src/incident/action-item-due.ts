/**
 * The instant an action item falls due. Its due date is a day (`2026-12-01`) or a full timestamp; a day means
 * "done by the end of that day", so it falls due at the start of the next UTC day. One rule for the reminders
 * (review) and the overdue figures (read models), so that an item is overdue in both at the same moment.
 */
export function actionItemDueAt(dueDate: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(dueDate)) return new Date(Date.parse(`${dueDate}T00:00:00.000Z`) + 86_400_000);
  return new Date(dueDate);
}
