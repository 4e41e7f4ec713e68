import { Command, InvalidArgumentError } from 'commander';
import { replayIncident, type IncidentEvent, incidentStreamId } from '@incident/domain';
import { eventsAsOf, StreamNotFound, type RecordedEvent } from '@incident/event-store';
import { withStore } from './store-from-env';

function parseTime(value: string): Date {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new InvalidArgumentError('use an ISO 8601 time, e.g. 2026-11-22T04:00:00Z');
  return time;
}

function timelineLine(event: RecordedEvent): string {
  const actor = `${event.metadata.actor.kind}:${event.metadata.actor.id}`;
  const data = JSON.stringify(event.data);
  return `#${String(event.streamRevision).padStart(3)}  ${event.metadata.recordedAt}  ${event.type.padEnd(28)} ${actor.padEnd(24)} ${data.length > 120 ? `${data.slice(0, 117)}...` : data}`;
}

/** Replays one incident from the event store: its timeline, then the state rebuilt from it. */
export function replayCommand(): Command {
  return new Command('replay')
    .description("print an incident's timeline and the state rebuilt from its events (optionally as of a time)")
    .argument('<incident-id>', 'the incident id (uuid)')
    .option('--at <time>', 'only the events the platform had recorded by this ISO 8601 time', parseTime)
    .option('--json', 'print the state as JSON only')
    .action(async (incidentId: string, options: { at?: Date; json?: boolean }) => {
      await withStore(async (store) => {
        let events: RecordedEvent[];
        try {
          events = await store.readStream(incidentStreamId(incidentId));
        } catch (error) {
          if (error instanceof StreamNotFound)
            throw new Error(`incident ${incidentId} has no history`, { cause: error });
          throw error;
        }
        const shown = eventsAsOf(events, options.at ? { at: options.at } : {});
        const state = replayIncident(shown as unknown as IncidentEvent[]);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(state, null, 2)}\n`);
          return;
        }
        const scope = options.at ? ` as recorded by ${options.at.toISOString()}` : '';
        process.stdout.write(`Incident ${incidentId}${scope}: ${shown.length} of ${events.length} events\n\n`);
        for (const event of shown) process.stdout.write(`${timelineLine(event)}\n`);
        process.stdout.write(`\nState (status ${state.status}):\n${JSON.stringify(state, null, 2)}\n`);
      });
    });
}
