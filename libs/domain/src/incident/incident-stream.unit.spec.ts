import { COMMAND_TYPES, command } from '../testing-support';
import { commandOccurredAt } from './command-time';
import { incidentIdOfStream, incidentStreamId } from './incident-stream';

describe('the incident stream name', () => {
  it('is the incident id behind one prefix, and parses back', () => {
    expect(incidentStreamId('0b6f')).toBe('incident-0b6f');
    expect(incidentIdOfStream(incidentStreamId('0b6f'))).toBe('0b6f');
  });

  it('belongs to no incident for a stream of something else', () => {
    expect(incidentIdOfStream('alertgroup-1f2e')).toBeNull();
  });
});

describe('when a command happened', () => {
  it.each(COMMAND_TYPES)('%s carries its own time', (type) => {
    const at = '2026-11-22T04:05:06.000Z';
    const fields = Object.entries(command(type).data).filter(([field]) => field.endsWith('At'));
    expect(fields).toHaveLength(1);
    const [field] = fields[0]!;
    expect(commandOccurredAt(command(type, { [field]: at } as never))).toBe(at);
  });
});
