import { BadRequestException } from '@nestjs/common';
import { metricDayRange } from './metric-day-range';

const NOW = Date.parse('2026-12-03T22:00:00Z');

describe('metricDayRange', () => {
  it('defaults to the 30 days up to today, by day', () => {
    expect(metricDayRange({}, NOW)).toEqual({ from: '2026-11-04', to: '2026-12-03', period: 'day' });
  });

  it('keeps the range and period asked for', () => {
    expect(metricDayRange({ from: '2026-01-01', to: '2026-12-31', period: 'week' }, NOW)).toEqual({
      from: '2026-01-01',
      to: '2026-12-31',
      period: 'week',
    });
  });

  it.each([
    [{ from: '2026-02-30' }, 'from is not a calendar day: 2026-02-30'],
    [{ to: '2026-13-01' }, 'to is not a calendar day: 2026-13-01'],
    [{ from: '2026-12-02', to: '2026-12-01' }, 'from must not be after to'],
    [{ from: '2025-01-01', to: '2026-01-02' }, 'from and to may be at most 366 days apart'],
  ])('refuses %j with a 400 naming what is wrong', (query, message) => {
    expect(() => metricDayRange(query, NOW)).toThrow(new BadRequestException(message));
  });
});
