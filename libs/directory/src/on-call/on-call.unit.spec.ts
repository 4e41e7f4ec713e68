import { parseDirectory } from '../parse-directory';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { onCallAt, shiftsBetween, type OnCallOverride, type OnCallSchedule } from './on-call';

type LayerSpec = { name?: string; rotationDays: number; handOffTime: string; startsOn: string; members: string[] };

const schedule = (timeZone: string, layers: LayerSpec[], overrides: OnCallOverride[] = []): OnCallSchedule => ({
  id: 'primary',
  name: 'Primary',
  timeZone,
  layers: layers.map((layer, index) => ({ name: layer.name ?? `layer-${index + 1}`, ...layer })),
  overrides,
});
const who = (s: OnCallSchedule, at: string) => onCallAt(s, at).people;
const shifts = (s: OnCallSchedule, from: string, until: string) =>
  shiftsBetween(s, from, until).map(({ personId, layer, override, start, end }) => ({
    personId,
    layer,
    override,
    start,
    end,
  }));

describe('onCallAt', () => {
  describe('given a weekly Monday 09:00 hand-off in Europe/Berlin across the spring-forward night (2027-03-28)', () => {
    const berlin = schedule('Europe/Berlin', [
      { rotationDays: 7, handOffTime: '09:00', startsOn: '2027-03-15', members: ['ana', 'ben'] },
    ]);

    it('hands off at 09:00 winter time (08:00 UTC) before the change', () => {
      expect(who(berlin, '2027-03-22T07:59:59Z')).toEqual(['ana']);
      expect(who(berlin, '2027-03-22T08:00:00Z')).toEqual(['ben']);
    });

    it('hands off at 09:00 summer time (07:00 UTC) after it: a 24-hour step would say ben until 08:00 UTC', () => {
      expect(who(berlin, '2027-03-29T06:59:59Z')).toEqual(['ben']);
      expect(who(berlin, '2027-03-29T07:30:00Z')).toEqual(['ana']);
    });

    it('gives the shift spanning the change an hour less', () => {
      expect(onCallAt(berlin, '2027-03-25T12:00:00Z').shifts).toEqual([
        {
          scheduleId: 'primary',
          personId: 'ben',
          layer: 'layer-1',
          override: false,
          start: '2027-03-22T08:00:00.000Z',
          end: '2027-03-29T07:00:00.000Z',
        },
      ]);
    });
  });

  describe('given a daily 02:30 hand-off in Europe/Berlin', () => {
    const nightly = schedule('Europe/Berlin', [
      { rotationDays: 1, handOffTime: '02:30', startsOn: '2027-03-26', members: ['ana', 'ben', 'cem'] },
    ]);
    const autumn = schedule('Europe/Berlin', [
      { rotationDays: 1, handOffTime: '02:30', startsOn: '2026-10-23', members: ['ana', 'ben', 'cem'] },
    ]);

    it('hands off at 03:30 summer time when the spring-forward night skips 02:30', () => {
      expect(onCallAt(nightly, '2027-03-28T02:00:00Z').shifts.map((s) => [s.personId, s.start])).toEqual([
        ['cem', '2027-03-28T01:30:00.000Z'],
      ]);
    });

    it('hands off at the first 02:30 (summer time, 00:30 UTC) when the fall-back night repeats it', () => {
      expect(who(autumn, '2026-10-25T00:29:59Z')).toEqual(['ben']);
      expect(who(autumn, '2026-10-25T00:30:00Z')).toEqual(['cem']);
      expect(who(autumn, '2026-10-25T01:30:00Z')).toEqual(['cem']);
    });
  });

  describe('given a daily 08:00 hand-off in America/New_York across the fall-back night (2026-11-01)', () => {
    const newYork = schedule('America/New_York', [
      { rotationDays: 1, handOffTime: '08:00', startsOn: '2026-10-30', members: ['dave', 'erin'] },
    ]);

    it('hands off at 08:00 EDT (12:00 UTC) the day before and 08:00 EST (13:00 UTC) the day after', () => {
      expect(who(newYork, '2026-10-31T11:59:59Z')).toEqual(['dave']);
      expect(who(newYork, '2026-10-31T12:00:00Z')).toEqual(['erin']);
      expect(who(newYork, '2026-11-01T12:30:00Z')).toEqual(['erin']);
      expect(who(newYork, '2026-11-01T13:00:00Z')).toEqual(['dave']);
    });

    it('makes the shift spanning the change 25 hours long', () => {
      const [shift] = onCallAt(newYork, '2026-11-01T00:00:00Z').shifts;
      expect([shift?.start, shift?.end]).toEqual(['2026-10-31T12:00:00.000Z', '2026-11-01T13:00:00.000Z']);
    });
  });

  describe('given a weekly Sunday 03:00 hand-off in America/New_York on the spring-forward day (2027-03-14)', () => {
    const newYork = schedule('America/New_York', [
      { rotationDays: 7, handOffTime: '03:00', startsOn: '2027-03-07', members: ['dave', 'erin'] },
    ]);

    it('hands off at 03:00 EDT (07:00 UTC), not 03:00 EST (08:00 UTC)', () => {
      expect(who(newYork, '2027-03-14T06:59:59Z')).toEqual(['dave']);
      expect(who(newYork, '2027-03-14T07:00:00Z')).toEqual(['erin']);
    });
  });

  describe('given the same rotation in two zones, asked in turn (hand-offs are remembered)', () => {
    const rotation = { rotationDays: 7, handOffTime: '09:00', startsOn: '2027-03-15', members: ['ana', 'ben'] };
    const berlin = schedule('Europe/Berlin', [rotation]);
    const newYork = schedule('America/New_York', [rotation]);
    /** The first shift overlapping Monday 22 March ends at that Monday's hand-off. */
    const handOff = (s: OnCallSchedule) => shiftsBetween(s, '2027-03-22T00:00:00Z', '2027-03-23T00:00:00Z')[0]?.end;

    it('gives each zone, and each hand-off time, its own instant, however often they are asked', () => {
      for (let turn = 0; turn < 3; turn++) {
        expect(handOff(berlin)).toBe('2027-03-22T08:00:00.000Z');
        expect(handOff(newYork)).toBe('2027-03-22T13:00:00.000Z');
        expect(handOff(schedule('Europe/Berlin', [{ ...rotation, handOffTime: '10:00' }]))).toBe(
          '2027-03-22T09:00:00.000Z',
        );
      }
    });
  });

  describe('given a rotation that has not started', () => {
    it('names nobody before the first hand-off', () => {
      const later = schedule('UTC', [
        { rotationDays: 7, handOffTime: '09:00', startsOn: '2027-01-04', members: ['a'] },
      ]);
      expect(who(later, '2027-01-04T08:59:00Z')).toEqual([]);
      expect(who(later, '2027-01-04T09:00:00Z')).toEqual(['a']);
    });
  });

  describe('given two layers (a daily rotation and a weekly backup)', () => {
    const layers: LayerSpec[] = [
      { name: 'daily', rotationDays: 1, handOffTime: '08:00', startsOn: '2027-01-04', members: ['dave', 'erin'] },
      { name: 'backup', rotationDays: 7, handOffTime: '02:00', startsOn: '2027-01-04', members: ['alice', 'bob'] },
    ];

    it('has one person per layer on call, in layer order', () => {
      expect(who(schedule('UTC', layers), '2027-01-05T12:00:00Z')).toEqual(['erin', 'alice']);
    });

    it('names a person covering both layers once', () => {
      const same = [layers[0]!, { ...layers[1]!, members: ['erin'] }];
      expect(who(schedule('UTC', same), '2027-01-05T12:00:00Z')).toEqual(['erin']);
    });

    it('replaces every layer with an override that names none', () => {
      const overridden = schedule('UTC', layers, [
        { person: 'carol', from: '2027-01-05T10:00:00Z', until: '2027-01-05T14:00:00Z' },
      ]);
      expect(who(overridden, '2027-01-05T12:00:00Z')).toEqual(['carol']);
      expect(who(overridden, '2027-01-05T14:00:00Z')).toEqual(['erin', 'alice']);
    });

    it('replaces only the named layer with a layer override', () => {
      const overridden = schedule('UTC', layers, [
        { person: 'carol', from: '2027-01-05T10:00:00Z', until: '2027-01-05T14:00:00Z', layer: 'backup' },
      ]);
      expect(who(overridden, '2027-01-05T12:00:00Z')).toEqual(['erin', 'carol']);
    });
  });

  describe('given overlapping overrides', () => {
    it('lets the later one win where they overlap', () => {
      const overridden = schedule(
        'UTC',
        [{ rotationDays: 7, handOffTime: '09:00', startsOn: '2027-01-04', members: ['a'] }],
        [
          { person: 'b', from: '2027-01-05T00:00:00Z', until: '2027-01-06T00:00:00Z' },
          { person: 'c', from: '2027-01-05T12:00:00Z', until: '2027-01-07T00:00:00Z' },
        ],
      );
      expect(
        ['2027-01-05T06:00:00Z', '2027-01-05T18:00:00Z', '2027-01-07T00:00:00Z'].map((at) => who(overridden, at)),
      ).toEqual([['b'], ['c'], ['a']]);
    });
  });

  describe('given the example directory', () => {
    const parsed = parseDirectory(
      readFileSync(join(__dirname, '../../../../config/directory.example.yaml'), 'utf8'),
      'x',
    );
    if (!('directory' in parsed)) throw new Error('the example directory does not parse');
    const infra = parsed.directory.schedules.find((s) => s.id === 'infra-primary')!;

    it('has carol on call over Christmas, by the directory override, and bob in the week around it', () => {
      expect([who(infra, '2026-12-25T12:00:00Z'), who(infra, '2026-12-24T12:00:00Z')]).toEqual([['carol'], ['bob']]);
    });
  });

  it('refuses an instant that is not one', () => {
    const s = schedule('UTC', [{ rotationDays: 1, handOffTime: '09:00', startsOn: '2027-01-04', members: ['a'] }]);
    expect(() => onCallAt(s, 'tomorrow')).toThrow('not an instant: tomorrow');
  });
});

describe('shiftsBetween', () => {
  const weekly = schedule(
    'Europe/Berlin',
    [{ name: 'weekly', rotationDays: 7, handOffTime: '09:00', startsOn: '2027-03-15', members: ['ana', 'ben'] }],
    [{ person: 'cem', from: '2027-03-24T00:00:00Z', until: '2027-03-25T00:00:00Z' }],
  );

  it('lists whole shifts overlapping the window, cut by overrides, in order', () => {
    expect(shifts(weekly, '2027-03-23T00:00:00Z', '2027-03-30T00:00:00Z')).toEqual([
      {
        personId: 'ben',
        layer: 'weekly',
        override: false,
        start: '2027-03-22T08:00:00.000Z',
        end: '2027-03-24T00:00:00.000Z',
      },
      {
        personId: 'cem',
        layer: null,
        override: true,
        start: '2027-03-24T00:00:00.000Z',
        end: '2027-03-25T00:00:00.000Z',
      },
      {
        personId: 'ben',
        layer: 'weekly',
        override: false,
        start: '2027-03-25T00:00:00.000Z',
        end: '2027-03-29T07:00:00.000Z',
      },
      {
        personId: 'ana',
        layer: 'weekly',
        override: false,
        start: '2027-03-29T07:00:00.000Z',
        end: '2027-04-05T07:00:00.000Z',
      },
    ]);
  });

  it('leaves out the part of a shift an override hides when only that part is in the window', () => {
    expect(shifts(weekly, '2027-03-24T06:00:00Z', '2027-03-24T07:00:00Z').map((s) => s.personId)).toEqual(['cem']);
  });

  it('refuses an empty window', () => {
    expect(() => shiftsBetween(weekly, '2027-03-24T00:00:00Z', '2027-03-24T00:00:00Z')).toThrow('empty window');
  });
});
