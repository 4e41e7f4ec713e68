import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { IncidentEventPattern, type RecordedIncidentEvent } from '@incident/messaging';
import { IncidentFacts } from '../incident-facts';
import { addedActionItem } from './added-action-item';
import { ActionItemReminders } from './action-item-reminders';

/**
 * An added action item gets its reminder timers; a completed one, or one of a waived review, has them
 * cancelled. Scheduling a key again is a no-op, so a redelivered record changes nothing.
 */
@Controller()
export class ActionItemEventsHandler {
  constructor(
    @Inject(ActionItemReminders) private readonly reminders: ActionItemReminders,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
  ) {}

  @IncidentEventPattern('ActionItemAdded')
  async onAdded(@Payload() event: RecordedIncidentEvent<'ActionItemAdded'>): Promise<void> {
    const { incidentId, actionItemId, dueDate, addedAt } = event.data;
    await this.reminders.schedule({ incidentId, actionItemId, dueDate, addedAt });
  }

  @IncidentEventPattern('ActionItemCompleted')
  async onCompleted(@Payload() event: RecordedIncidentEvent<'ActionItemCompleted'>): Promise<void> {
    const { incidentId, actionItemId } = event.data;
    const { history } = await this.incidents.now(incidentId);
    const added = addedActionItem(history, actionItemId);
    if (added) await this.reminders.cancel(incidentId, actionItemId, added.dueDate);
  }

  /** A waived review's open items are not chased any more (they may still be completed). */
  @IncidentEventPattern('ReviewWaived')
  async onWaived(@Payload() event: RecordedIncidentEvent<'ReviewWaived'>): Promise<void> {
    const { incidentId } = event.data;
    const { state, history } = await this.incidents.now(incidentId);
    if (state.status === 'initial') return;
    for (const item of state.actionItems.filter((candidate) => candidate.completedAt === null)) {
      const added = addedActionItem(history, item.actionItemId);
      if (added) await this.reminders.cancel(incidentId, item.actionItemId, added.dueDate);
    }
  }
}
