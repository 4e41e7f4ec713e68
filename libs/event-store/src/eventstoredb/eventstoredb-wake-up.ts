import { END, type KurrentDBClient } from '@kurrent/kurrentdb-client';
import { ReconnectingWakeUp, type LogWakeUp } from '../follower/wake-up';
import { isUserEvent, systemEventsFilter } from './system-events';

/**
 * Wakes a follower when EventStoreDB commits a user event: a live subscription to the end of $all, used only
 * as a doorbell (the follower still reads pages with readAll, from its own checkpoint). Like NOTIFY on
 * PostgreSQL it is an optimisation; a dropped subscription costs a poll interval, never an event.
 */
export function eventStoreDbWakeUp(client: KurrentDBClient): LogWakeUp {
  return new ReconnectingWakeUp(async (ring, dropped) => {
    const subscription = client.subscribeToAll({ fromPosition: END, filter: systemEventsFilter() });
    // The client reports connection failures on the stream itself; unheard, they would crash the process.
    subscription.on('error', dropped);
    subscription.on('close', dropped);
    subscription.on('data', (resolved: { event?: { streamId: string; type: string } }) => {
      if (resolved.event && isUserEvent(resolved.event)) ring();
    });
    return { close: () => subscription.unsubscribe().catch(() => undefined) };
  });
}
