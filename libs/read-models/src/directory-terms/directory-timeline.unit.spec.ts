import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIRECTORY_STREAM } from '@incident/directory';
import type { RecordedEvent } from '@incident/event-store';
import { DirectoryTimeline } from './directory-timeline';

const EXAMPLE = readFileSync(join(__dirname, '../../../../config/directory.example.yaml'), 'utf8');

/** A directory version as the store records it, at a global position. */
const version = (position: number, yaml: string): RecordedEvent =>
  ({
    id: `v-${position}`,
    type: 'DirectoryVersionApplied',
    data: { version: position, sha256: 'x', fileName: 'directory.yaml', summary: {}, yaml },
    streamId: DIRECTORY_STREAM,
    streamRevision: position,
    globalPosition: BigInt(position),
    checkpoint: String(position),
    metadata: {},
  }) as unknown as RecordedEvent;

const storeWith = (recorded: RecordedEvent[]) => ({ readStream: () => Promise.resolve(recorded) });

describe('the directory in force along the log', () => {
  const doubled = EXAMPLE.replace('preApprovedHoursPerMonth: 10', 'preApprovedHoursPerMonth: 20');

  it('is nothing before the first version, then the last version before each position', async () => {
    const timeline = new DirectoryTimeline(storeWith([version(10, EXAMPLE)]));
    await timeline.observe([version(20, doubled)]);
    expect(timeline.termsAt('5').preApprovedMinutes('acme')).toBeUndefined();
    expect(timeline.termsAt('11').preApprovedMinutes('acme')).toBe(600);
    expect(timeline.termsAt('21').preApprovedMinutes('acme')).toBe(1200);
  });

  it('maps incident severities onto the directory SLA table', async () => {
    const timeline = new DirectoryTimeline(storeWith([version(10, EXAMPLE)]));
    await timeline.observe([]);
    const terms = timeline.termsAt('11');
    expect(['urgent', 'high', 'normal', 'low'].map((s) => terms.customerUpdateEveryMinutes(s as 'low'))).toEqual([
      30, 60, 240, 1440,
    ]);
  });

  it('learns a version committed late with a lower position, in position order', async () => {
    const timeline = new DirectoryTimeline(storeWith([version(30, doubled)]));
    await timeline.observe([version(20, EXAMPLE), version(30, doubled)]);
    expect(timeline.termsAt('25').preApprovedMinutes('acme')).toBe(600);
    expect(timeline.termsAt('31').preApprovedMinutes('acme')).toBe(1200);
  });
});
