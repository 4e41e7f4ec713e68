import type { MessageForTarget, MessageLink } from '@incident/notify';
import type { ReminderStep } from './reminder-steps';

export interface ActionItemNoticeFacts {
  readonly incidentId: string;
  readonly actionItemId: string;
  readonly title: string;
  readonly kind: string;
  readonly dueAt: Date;
  readonly ownerId: string;
  readonly ownerName: string;
  readonly team: string | undefined;
  readonly ticketUrl: string | null;
  readonly step: ReminderStep['step'];
}

const HOUR_MS = 3_600_000;

/** "in 2 days", "in 1 hour", for a reader who wants to know how long is left, not the offset's spelling. */
function timeLeft(dueAt: Date, at: Date): string {
  const hours = Math.max(0, Math.round((dueAt.getTime() - at.getTime()) / HOUR_MS));
  if (hours >= 48) return `in ${Math.round(hours / 24)} days`;
  if (hours >= 1) return `in ${hours} hour${hours === 1 ? '' : 's'}`;
  return 'within the hour';
}

/**
 * A reminder is for the owner (what, by when, where the ticket is); the overdue notice is for the owner's team,
 * so it names the owner: the team decides whether to help, take it over or agree a new date.
 */
export function actionItemNotice(
  facts: ActionItemNoticeFacts,
  recipient: { id: string; name: string },
  kind: ReminderStep['kind'],
  firedFor: Date,
): MessageForTarget {
  const links: MessageLink[] = facts.ticketUrl ? [{ label: 'Ticket', url: facts.ticketUrl }] : [];
  const due = facts.dueAt.toISOString();
  const reminder = kind === 'reminder';
  return {
    kind: reminder ? 'reminder' : 'notice',
    subject: reminder
      ? `Reminder: action item due ${timeLeft(facts.dueAt, firedFor)}: ${facts.title}`
      : `Overdue action item (${facts.ownerName}): ${facts.title}`,
    text: [
      reminder
        ? `The ${facts.kind.replace(/_/g, ' ')} action item "${facts.title}" is yours, due ${due}.`
        : `The ${facts.kind.replace(/_/g, ' ')} action item "${facts.title}" of ${facts.ownerName} was due ${due} and is not done.`,
      `It comes from the post-incident review of incident ${facts.incidentId}.`,
      reminder
        ? 'Complete it with evidence (the merged change, the dashboard) once it is done.'
        : `Your team${facts.team ? ` (${facts.team})` : ''} is told so that someone helps, takes it over or agrees a new date.`,
    ].join('\n'),
    links,
    recipient,
    incidentId: facts.incidentId,
    details: { actionItemId: facts.actionItemId, step: facts.step, owner: facts.ownerId, dueAt: due },
  };
}
