import { REMINDER_OFFSET } from '@incident/directory';
import { actionItemDueAt } from '@incident/domain';

/** When the policy says nothing: two days before (time to plan), then an hour before (a last call). */
export const DEFAULT_REMIND_BEFORE: readonly string[] = ['2d', '1h'];

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** One notice about one action item: a reminder to its owner, or the overdue notice to the owner's team. */
export interface ReminderStep {
  /** `remind-2d`, `remind-1h`, …, `overdue`: part of the timer key, so each step is its own effect. */
  readonly step: string;
  readonly kind: 'reminder' | 'overdue';
  readonly at: Date;
}

export function offsetMs(offset: string): number {
  const match = REMINDER_OFFSET.exec(offset);
  if (!match) throw new Error(`not a reminder offset: ${offset}`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/**
 * The steps of an item added at `addedAt`, in time order. A reminder whose time had already passed when the
 * item was added is left out (the owner has just taken it on); the overdue notice is always there, even for an
 * item added already overdue, since its team must hear of it.
 */
export function reminderSteps(dueDate: string, addedAt: string, remindBefore = DEFAULT_REMIND_BEFORE): ReminderStep[] {
  const due = actionItemDueAt(dueDate).getTime();
  const added = Date.parse(addedAt);
  const reminders = [...new Set(remindBefore)]
    .map((offset) => ({ step: `remind-${offset}`, kind: 'reminder' as const, at: new Date(due - offsetMs(offset)) }))
    .filter((step) => step.at.getTime() > added);
  const overdue: ReminderStep = { step: 'overdue', kind: 'overdue', at: new Date(due) };
  return [...reminders, overdue].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Names one step of one item for good: a redelivered ActionItemAdded schedules the same key again. */
export const reminderTimerKey = (incidentId: string, actionItemId: string, step: string, dueDate: string): string =>
  `action-item:${incidentId}:${actionItemId}:${step}:${actionItemDueAt(dueDate).getTime()}`;
