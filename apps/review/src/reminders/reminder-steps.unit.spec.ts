import { offsetMs, reminderSteps, reminderTimerKey } from './reminder-steps';

const summary = (steps: ReturnType<typeof reminderSteps>) =>
  steps.map(({ step, kind, at }) => [step, kind, at.toISOString()]);

describe('reminder steps of an action item', () => {
  describe('given the default offsets and an item due on a day, added a week before', () => {
    it('reminds two days and an hour before the day ends, then notices the team when it is overdue', () => {
      expect(summary(reminderSteps('2026-12-10', '2026-12-03T10:00:00.000Z'))).toEqual([
        ['remind-2d', 'reminder', '2026-12-09T00:00:00.000Z'],
        ['remind-1h', 'reminder', '2026-12-10T23:00:00.000Z'],
        ['overdue', 'overdue', '2026-12-11T00:00:00.000Z'],
      ]);
    });
  });

  describe('given an item added a day before it is due', () => {
    it('leaves out the reminder whose time had passed, and keeps the rest', () => {
      const steps = reminderSteps('2026-12-10T12:00:00.000Z', '2026-12-09T12:00:00.000Z', ['2d', '1h', '30m']);
      expect(summary(steps)).toEqual([
        ['remind-1h', 'reminder', '2026-12-10T11:00:00.000Z'],
        ['remind-30m', 'reminder', '2026-12-10T11:30:00.000Z'],
        ['overdue', 'overdue', '2026-12-10T12:00:00.000Z'],
      ]);
    });
  });

  describe('given an item added already overdue', () => {
    it('still notices the team, and reminds nobody', () => {
      expect(summary(reminderSteps('2026-12-01', '2026-12-03T10:00:00.000Z'))).toEqual([
        ['overdue', 'overdue', '2026-12-02T00:00:00.000Z'],
      ]);
    });
  });

  it('names each step of each item with its own key, the same on every call', () => {
    const key = reminderTimerKey('i-1', 'a-1', 'remind-2d', '2026-12-10');
    expect(key).toBe(`action-item:i-1:a-1:remind-2d:${Date.parse('2026-12-11T00:00:00.000Z')}`);
    expect(reminderTimerKey('i-1', 'a-1', 'overdue', '2026-12-10')).not.toBe(key);
  });

  it.each([
    ['45s', 45_000],
    ['30m', 1_800_000],
    ['1h', 3_600_000],
    ['2d', 172_800_000],
  ])('reads the offset %s', (offset, ms) => {
    expect(offsetMs(offset)).toBe(ms);
  });

  it('refuses an offset the policy parser would have refused', () => {
    expect(() => offsetMs('2w')).toThrow(/not a reminder offset/);
  });
});
