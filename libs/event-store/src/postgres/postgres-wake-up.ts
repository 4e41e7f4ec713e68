import { Client } from 'pg';
import { ReconnectingWakeUp, type LogWakeUp } from '../follower/wake-up';
import { EVENTS_CHANNEL } from './postgres-migrations';

/**
 * Wakes a follower at each append's commit: the store NOTIFYs on EVENTS_CHANNEL, this LISTENs on a connection
 * of its own. LISTEN is only an optimisation (a notification can be missed while reconnecting, and an event
 * can stay invisible behind an older open transaction), so the follower's poll interval remains the guarantee.
 */
export function postgresWakeUp(connectionString: string, applicationName = 'event-store-listener'): LogWakeUp {
  return new ReconnectingWakeUp(async (ring, dropped) => {
    const client = new Client({ connectionString, application_name: applicationName });
    client.on('error', dropped);
    client.on('end', dropped);
    client.on('notification', ring);
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return { close: () => client.end().catch(() => undefined) };
  });
}
