import { countdown, formatMinutes, formatSpan } from './format';

describe('formatSpan', () => {
  it('reads seconds, minutes, hours and days', () => {
    expect(formatSpan(40_000)).toBe('40 s');
    expect(formatSpan(12 * 60_000)).toBe('12 min');
    expect(formatSpan((3 * 60 + 5) * 60_000)).toBe('3 h 05 min');
    expect(formatSpan(50 * 3_600_000)).toBe('2 d 2 h');
  });
});

describe('countdown', () => {
  const now = Date.parse('2026-12-03T12:00:00Z');

  it('counts down to a due time still ahead', () => {
    expect(countdown('2026-12-03T12:15:00Z', now)).toEqual({ text: 'due in 15 min', overdue: false });
  });

  it('says how long a clock has been overdue', () => {
    expect(countdown('2026-12-03T11:57:00Z', now)).toEqual({ text: 'overdue by 3 min', overdue: true });
  });
});

describe('formatMinutes', () => {
  it('shows hours and minutes, or a dash for none', () => {
    expect(formatMinutes(125)).toBe('2 h 05 min');
    expect(formatMinutes(null)).toBe('—');
  });
});
