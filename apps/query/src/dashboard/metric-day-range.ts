import { BadRequestException } from '@nestjs/common';
import type { MetricPeriod } from '@incident/read-models';

const DAY_MS = 86_400_000;
/** A bound on one request's work: a year and a day of daily rows per team and severity. */
export const MAX_METRIC_DAYS = 366;

const dayOf = (time: number): string => new Date(time).toISOString().slice(0, 10);

function calendarDay(field: 'from' | 'to', day: string): string {
  const time = Date.parse(day);
  if (Number.isNaN(time) || dayOf(time) !== day)
    throw new BadRequestException(`${field} is not a calendar day: ${day}`);
  return day;
}

export interface MetricDayRange {
  readonly from: string;
  readonly to: string;
  readonly period: MetricPeriod;
}

/**
 * The days a metrics request covers (UTC, both ends included; by default the 30 days up to today) and its period,
 * or a 400 naming the field: a day that is not on the calendar (2026-02-30), a backwards or too long range.
 */
export function metricDayRange(
  query: { readonly from?: string; readonly to?: string; readonly period?: MetricPeriod },
  now = Date.now(),
): MetricDayRange {
  const to = calendarDay('to', query.to ?? dayOf(now));
  // Only from a real day can the default start be counted back (2026-13-01 would throw a RangeError: a 500).
  const from = calendarDay('from', query.from ?? dayOf(Date.parse(to) - 29 * DAY_MS));
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  if (days < 1) throw new BadRequestException('from must not be after to');
  if (days > MAX_METRIC_DAYS) {
    throw new BadRequestException(`from and to may be at most ${MAX_METRIC_DAYS} days apart`);
  }
  return { from, to, period: query.period ?? 'day' };
}
