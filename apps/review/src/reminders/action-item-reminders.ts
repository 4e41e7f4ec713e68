import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { type Directory, DirectoryReader, type Person, teamOfPerson } from '@incident/directory';
import { actionItemDueAt, findActionItem } from '@incident/domain';
import { type Channel, deliverWithFallback, failureSummary, NOTIFY_CHANNELS } from '@incident/notify';
import { BackgroundLoops, PINO_LOGGER } from '@incident/platform';
import { type FiringTimer, Scheduler } from '@incident/scheduler';
import { IncidentFacts } from '../incident-facts';
import { ReviewPolicySource } from '../review-policy.source';
import { actionItemNotice } from './action-item-notice.message';
import { addedActionItem } from './added-action-item';
import { DEFAULT_REMIND_BEFORE, reminderSteps, reminderTimerKey, type ReminderStep } from './reminder-steps';

export interface ReminderTimerPayload {
  readonly incidentId: string;
  readonly actionItemId: string;
  readonly step: string;
  readonly kind: ReminderStep['kind'];
}

export interface AddedActionItem {
  readonly incidentId: string;
  readonly actionItemId: string;
  readonly dueDate: string;
  readonly addedAt: string;
}

/**
 * The review service's timer queue: each action item's reminders to its owner and the overdue notice to the
 * owner's team. Each step is one durable timer whose key names the item and the step; the scheduler's row is
 * the record that the step was sent (`fired`, with `settled_at`), and it fires once in effect across restarts.
 * The delivery's idempotency key is the timer key (and the recipient), so the rare re-fire after a crash between
 * sending and recording carries the same Message-ID. A completed item is left alone when its timers fire.
 */
@Injectable()
export class ActionItemReminders {
  constructor(
    @Inject(Scheduler) private readonly scheduler: Scheduler<ReminderTimerPayload>,
    @Inject(NOTIFY_CHANNELS) private readonly channels: readonly Channel[],
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(DirectoryReader) private readonly directory: DirectoryReader,
    @Inject(ReviewPolicySource) private readonly policy: ReviewPolicySource,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    @Inject(BackgroundLoops) loops: BackgroundLoops,
  ) {
    scheduler.onFire((timer) => this.fire(timer));
    loops.register(scheduler);
  }

  /** The offsets of the policy in force when the item is scheduled: a later policy applies to later items. */
  async schedule(item: AddedActionItem): Promise<void> {
    const remindBefore = this.policy.current()?.actionItems?.remindBefore ?? DEFAULT_REMIND_BEFORE;
    for (const { step, kind, at } of reminderSteps(item.dueDate, item.addedAt, remindBefore)) {
      const key = reminderTimerKey(item.incidentId, item.actionItemId, step, item.dueDate);
      const payload = { incidentId: item.incidentId, actionItemId: item.actionItemId, step, kind };
      await this.scheduler.schedule(key, at, payload);
    }
  }

  /** Spares the scheduler the firings; a firing already under way still finds the item done and sends nothing. */
  async cancel(incidentId: string, actionItemId: string, dueDate: string): Promise<void> {
    const steps = reminderSteps(dueDate, new Date(0).toISOString(), this.offsetsEverUsed());
    for (const { step } of steps)
      await this.scheduler.cancel(reminderTimerKey(incidentId, actionItemId, step, dueDate));
  }

  private offsetsEverUsed(): readonly string[] {
    return [...new Set([...DEFAULT_REMIND_BEFORE, ...(this.policy.current()?.actionItems?.remindBefore ?? [])])];
  }

  private async fire({ key, payload, dueAt }: FiringTimer<ReminderTimerPayload>): Promise<void> {
    const { state, history } = await this.incidents.now(payload.incidentId);
    if (state.status === 'initial') return;
    const item = findActionItem(state, payload.actionItemId);
    if (!item || item.completedAt !== null) return;
    // A waived review's items are not chased: its timers are cancelled, and this spares one already firing.
    if (state.reviewRequired === false && state.reviewPublishedAt === null) return;
    const directory = this.directory.current()?.directory;
    // Thrown, so the scheduler retries: the directory is loaded at start-up, so this is a passing outage.
    if (!directory) throw new Error('no directory version is loaded yet');
    const owner = directory.people.find((person) => person.id === item.owner);
    const team = teamOfPerson(directory, item.owner);
    const ticketUrl = addedActionItem(history, item.actionItemId)?.ticketUrl ?? null;
    const facts = {
      incidentId: payload.incidentId,
      actionItemId: item.actionItemId,
      title: item.title,
      kind: item.kind,
      dueAt: actionItemDueAt(item.dueDate),
      ownerId: item.owner,
      ownerName: owner?.name ?? item.owner,
      team,
      ticketUrl,
      step: payload.step,
    };
    const recipients = payload.kind === 'reminder' ? (owner ? [owner] : []) : this.teamOf(directory, team, owner);
    if (recipients.length === 0) {
      this.logger.warn({ key, owner: item.owner }, 'action item notice has nobody to go to');
      return;
    }
    const results = await Promise.all(
      recipients.map((person) =>
        deliverWithFallback(
          this.channels,
          actionItemNotice(facts, { id: person.id, name: person.name }, payload.kind, dueAt),
          person.contactMethods,
          { idempotencyKey: `${key}:${person.id}` },
        ),
      ),
    );
    const failed = results.filter((result) => result.status === 'failed');
    if (failed.length === 0) return;
    const reasons = failed.map((result) => failureSummary(result.attempts)).join(' | ');
    // Somebody heard of it: settle the step rather than resend to them. Nobody did: let the scheduler retry.
    if (failed.length < results.length) this.logger.warn({ key, reasons }, 'action item notice partly undelivered');
    else throw new Error(`action item notice undelivered: ${reasons}`);
  }

  /** The owner's team, the owner first; the owner alone when they are in no team. */
  private teamOf(directory: Directory, team: string | undefined, owner: Person | undefined): Person[] {
    const members = directory.teams.find((candidate) => candidate.id === team)?.members ?? [];
    const people = members.flatMap((id) => directory.people.filter((person) => person.id === id));
    return [...(owner ? [owner] : []), ...people.filter((person) => person.id !== owner?.id)];
  }
}
