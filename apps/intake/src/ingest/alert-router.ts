import { hash, randomUUID } from 'node:crypto';
import { incidentDecider, incidentStreamId } from '@incident/domain';
import {
  type CommandContext,
  commandEvents,
  ConcurrencyConflict,
  type EventStore,
  type NewEvent,
  WrongExpectedRevision,
} from '@incident/event-store';
import { commandFor, needsNewIncident } from './alert-decision';
import type { AlertSignal } from './alert-signal';
import { GroupCache } from './group-cache';
import { emptyView, evolveView } from './incident-view';
import { KeyedBatcher } from './keyed-batcher';

export interface AlertRouterOptions {
  readonly reopenWindowMinutes: number;
  readonly now?: () => Date;
  readonly maxAttempts?: number;
}

/** The one event of an alert group's stream: from now on, this group's alerts belong to this incident. */
export const ALERT_GROUP_BOUND = 'AlertGroupBound';

export const alertGroupStream = (integrationId: string, groupKey: string): string =>
  `alertgroup-${hash('sha256', `${integrationId}\n${groupKey}`, 'hex')}`;

const GROUP_STREAMS_KEPT = 10_000;

/** alertGroupStream remembered for the groups seen lately: a storm repeats a few groups thousands of times. */
function groupStreamNamer(): (integrationId: string, groupKey: string) => string {
  const names = new Map<string, string>();
  return (integrationId, groupKey) => {
    const key = `${integrationId}\n${groupKey}`;
    let name = names.get(key);
    if (name === undefined) {
      name = alertGroupStream(integrationId, groupKey);
      if (names.size >= GROUP_STREAMS_KEPT) names.clear();
      names.set(key, name);
    }
    return name;
  };
}

/** appendSome's answer when it decided on a cached state that it could not validate by appending. */
const STALE = 'stale' as const;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Dedup, grouping and reopening, decided through the event store. Each alert group has a stream whose
 * events bind it to its current incident; binding a new incident is an append with the group's expected
 * revision, so however many replicas race, one incident is opened per group. The incident's events are then
 * appended with the incident's expected revision; a conflict on either re-reads both and decides again.
 * An incident bound but never opened (a crash in between) is opened by the next alert of its group.
 */
export class AlertRouter {
  private readonly batcher = new KeyedBatcher<AlertSignal>((stream, signals) => this.handle(stream, signals));
  private readonly now: () => Date;
  private readonly groups: GroupCache;
  private readonly groupStream = groupStreamNamer();

  constructor(
    private readonly store: EventStore,
    private readonly options: AlertRouterOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.groups = new GroupCache(store);
  }

  /** Resolves once the alert's events are durably appended (or it was found to change nothing). */
  route(signal: AlertSignal): Promise<void> {
    return this.batcher.submit(this.groupStream(signal.integration.id, signal.groupKey), signal);
  }

  private async handle(groupStream: string, signals: readonly AlertSignal[]): Promise<void> {
    let remaining = signals;
    let attempt = 1;
    let catchUp = false;
    while (remaining.length > 0) {
      try {
        const handled = await this.appendSome(groupStream, remaining, catchUp);
        if (handled === STALE) {
          catchUp = true;
          continue;
        }
        remaining = remaining.slice(handled);
        attempt = 1;
        catchUp = false;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        if (attempt >= (this.options.maxAttempts ?? 50)) throw new ConcurrencyConflict(groupStream, attempt);
        await pause(Math.random() * Math.min(200, 5 * 2 ** attempt));
        attempt += 1;
        catchUp = true;
      }
    }
  }

  /**
   * Takes the group and its incident as this process last saw them (or catches up with the store), decides as
   * many of the signals as go to one incident, appends, and returns how many it handled. A signal that needs a
   * new incident after others were decided waits for the next round, so that each round appends to at most
   * one incident.
   */
  private async appendSome(
    groupStream: string,
    signals: readonly AlertSignal[],
    catchUp: boolean,
  ): Promise<number | typeof STALE> {
    const cached = catchUp ? undefined : this.groups.cached(groupStream);
    const known = cached ?? (await this.groups.read(groupStream));
    let { incidentId, view } = known;
    const now = this.now().toISOString();
    const window = this.options.reopenWindowMinutes;
    const binding: NewEvent[] = [];
    const events: NewEvent[] = [];
    let handled = 0;
    for (const signal of signals) {
      if (signal.action === 'fire' && (incidentId === null || needsNewIncident(view, now, window))) {
        if (binding.length > 0 || events.length > 0) break;
        incidentId = randomUUID();
        view = emptyView();
        const bound = { groupKey: signal.groupKey, incidentId }; // canonical key order: hashed by JSON.stringify
        binding.push({ type: ALERT_GROUP_BOUND, data: bound, metadata: this.context(signal, now) });
      }
      handled += 1;
      if (incidentId === null) continue;
      const command = commandFor(signal, incidentId, view, now, window);
      if (command === null) continue;
      const decided = incidentDecider.decide(command, view.state);
      view = decided.reduce(evolveView, view);
      events.push(...commandEvents(command.type, decided, this.context(signal, now)));
    }
    // Nothing to append proves nothing about a state taken unread from the cache: decide again, caught up.
    if (cached && binding.length === 0 && events.length === 0) return STALE;
    let { groupRevision, incidentRevision } = known;
    if (binding.length > 0 && events.length > 0 && incidentId !== null && this.store.appendAtomically) {
      // A new incident: its binding and its opening in one transaction (one commit instead of two in a row), and
      // never one without the other.
      const [bound, opened] = await this.store.appendAtomically([
        { streamId: groupStream, events: binding, expected: groupRevision ?? 'no_stream' },
        { streamId: incidentStreamId(incidentId), events, expected: 'no_stream' },
      ]);
      if (!bound || !opened) throw new Error(`${groupStream}: the atomic append returned no result`);
      this.groups.remember(groupStream, {
        groupRevision: bound.nextExpectedRevision,
        incidentId,
        incidentRevision: opened.nextExpectedRevision,
        view,
      });
      return handled;
    }
    if (binding.length > 0) {
      groupRevision = (await this.store.append(groupStream, binding, groupRevision ?? 'no_stream'))
        .nextExpectedRevision;
      incidentRevision = null;
    }
    if (events.length > 0 && incidentId !== null) {
      const appended = await this.store.append(incidentStreamId(incidentId), events, incidentRevision ?? 'no_stream');
      incidentRevision = appended.nextExpectedRevision;
    }
    this.groups.remember(groupStream, { groupRevision, incidentId, incidentRevision, view });
    return handled;
  }

  /**
   * As the command handler records it, but with no cause: an alert carries no id of its delivery, and intake
   * recognises a repeated alert by its dedup key and the incident's state instead (see README.md).
   */
  private context(signal: AlertSignal, now: string): CommandContext {
    return {
      occurredAt: now,
      actor: { kind: 'integration', id: signal.integration.id },
      correlationId: signal.correlationId,
    };
  }
}
