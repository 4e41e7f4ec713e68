import { isUserEvent, systemEventsFilter } from './system-events';

describe('the EventStoreDB system-event filter', () => {
  it.each([
    { streamId: 'incident-1', type: 'IncidentOpened' },
    { streamId: 'contract-1', type: 'NoteAdded' },
    // A '$' inside a name is not a system prefix.
    { streamId: 'incident-$1', type: 'Note$Added' },
  ])('keeps the user event %p', (record) => {
    expect(isUserEvent(record)).toBe(true);
  });

  it.each([
    { streamId: '$$incident-1', type: '$metadata' },
    { streamId: '$ce-incident', type: '$>' },
    { streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' },
    // The server-side half filters by type only: these are what the client-side half is there for.
    { streamId: '$scavenges', type: 'ScavengeStarted' },
    { streamId: '$settings', type: 'Settings' },
    // A system type in an ordinary stream (a link written into a user stream).
    { streamId: 'incident-1', type: '$>' },
  ])('drops the system event %p', (record) => {
    expect(isUserEvent(record)).toBe(false);
  });

  it('asks the server for event types that are not system ones', () => {
    const filter = systemEventsFilter() as { filterOn: string; regex: string };
    expect(filter.filterOn).toBe('eventType');
    expect(new RegExp(filter.regex).test('IncidentOpened')).toBe(true);
    expect(new RegExp(filter.regex).test('$metadata')).toBe(false);
  });
});
