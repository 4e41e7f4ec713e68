import { RecentlyUsed } from '@incident/event-store';
import type { Schedule, ScheduleLayer, ScheduleOverride } from '../directory';
import { DateTime } from 'luxon';
import type { OnCallResolver } from './escalation-policy';

/** An ISO-8601 instant (`2026-11-01T13:00:00.000Z`), as the domain's IsoTimestamp. */
type IsoTimestamp = string;

/**
 * An override replaces the person on call between two instants. A directory override (no `layer`) replaces
 * every layer; one made through the API may name the layer it replaces. Later overrides in the list win
 * where they overlap: the directory's first, then the API's in the order they were made.
 */
export interface OnCallOverride extends ScheduleOverride {
  readonly layer?: string | null;
}

/** A directory schedule, with the overrides made through the API appended to its own. */
export interface OnCallSchedule extends Omit<Schedule, 'overrides'> {
  readonly overrides: readonly OnCallOverride[];
}

/** A stretch of time one person is on call for a schedule: [start, end). */
export interface Shift {
  readonly scheduleId: string;
  readonly personId: string;
  /** The layer this person covers; for an override of every layer, null. */
  readonly layer: string | null;
  readonly override: boolean;
  readonly start: IsoTimestamp;
  readonly end: IsoTimestamp;
}

export interface OnCall {
  readonly scheduleId: string;
  readonly at: IsoTimestamp;
  /** Who is on call, in layer order, each once; empty before every layer's first hand-off. */
  readonly people: readonly string[];
  readonly shifts: readonly Shift[];
}

interface Span {
  readonly start: number;
  readonly end: number;
}

const millis = (iso: IsoTimestamp): number => {
  const value = Date.parse(iso);
  if (Number.isNaN(value)) throw new RangeError(`not an instant: ${iso}`);
  return value;
};
const iso = (ms: number): IsoTimestamp => new Date(ms).toISOString();

/**
 * The k-th hand-off of a layer: the hand-off time on the date k rotations after the first, in the schedule's
 * zone, so 09:00 stays 09:00 local across daylight-saving changes. A time that a spring-forward night skips
 * moves to the same distance past the gap (02:30 becomes 03:30), as Luxon does.
 */
function handOff(layer: ScheduleLayer, zone: string, k: number): number {
  const key = `${zone} ${layer.startsOn} ${layer.handOffTime} ${layer.rotationDays} ${k}`;
  let instant = handOffs.get(key);
  if (instant === undefined) {
    const date = DateTime.fromISO(layer.startsOn, { zone: 'utc' }).plus({ days: k * layer.rotationDays });
    instant = localInstant(date.toISODate() ?? layer.startsOn, layer.handOffTime, zone);
    handOffs.set(key, instant);
  }
  return instant;
}

/**
 * Hand-offs worked out already. Each takes a handful of time-zone conversions, and every lookup of who is on call
 * needs several (the rotation in force, the shift's start and end): under an alert storm, where escalation asks
 * for each level of each incident, Luxon's conversions were ~6 % of its CPU. A hand-off depends only on the
 * layer's rotation, the zone and k, so it never goes stale; the bound only caps memory (the least used go first).
 */
const handOffs = new RecentlyUsed<number>(10_000);

/**
 * A local wall time that a fall-back night repeats is its first occurrence. Luxon alone picks either one,
 * depending on the zone (Europe/Berlin the second, Australia/Sydney the first), so the offsets on either side
 * of the change are both tried and the earlier instant showing that wall time wins.
 */
function localInstant(date: string, time: string, zone: string): number {
  const wall = `${date}T${time}`;
  const asUtc = DateTime.fromISO(wall, { zone: 'utc' }).toMillis();
  const showsWall = (instant: number) => DateTime.fromMillis(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm") === wall;
  const candidates = [asUtc - 86_400_000, asUtc + 86_400_000]
    .map((probe) => asUtc - DateTime.fromMillis(probe, { zone }).offset * 60_000)
    .filter(showsWall);
  return candidates.length > 0 ? Math.min(...candidates) : DateTime.fromISO(wall, { zone }).toMillis();
}

/** The rotation index in force at `at` (negative before the first hand-off). */
function rotationIndexAt(layer: ScheduleLayer, zone: string, at: number): number {
  const approx = Math.floor((at - handOff(layer, zone, 0)) / (layer.rotationDays * 86_400_000));
  let k = approx;
  while (handOff(layer, zone, k + 1) <= at) k++;
  while (handOff(layer, zone, k) > at) k--;
  return k;
}

function layerShifts(layer: ScheduleLayer, zone: string, window: Span): (Span & { personId: string })[] {
  const shifts: (Span & { personId: string })[] = [];
  for (let k = Math.max(0, rotationIndexAt(layer, zone, window.start)); ; k++) {
    const start = handOff(layer, zone, k);
    if (start >= window.end) return shifts;
    const personId = layer.members[k % layer.members.length];
    shifts.push({ start, end: handOff(layer, zone, k + 1), personId });
  }
}

function subtract(spans: readonly Span[], cut: Span): Span[] {
  return spans.flatMap((span) => {
    if (cut.end <= span.start || cut.start >= span.end) return [span];
    return [
      ...(cut.start > span.start ? [{ start: span.start, end: cut.start }] : []),
      ...(cut.end < span.end ? [{ start: cut.end, end: span.end }] : []),
    ];
  });
}

const overlaps = (span: Span, window: Span) => span.start < window.end && span.end > window.start;

/** One layer's timeline: its rotation with the overrides that apply to it cut in, later overrides on top. */
function layerTimeline(schedule: OnCallSchedule, layer: ScheduleLayer, window: Span): Shift[] {
  const applicable = schedule.overrides
    .filter((o) => o.layer === undefined || o.layer === null || o.layer === layer.name)
    .map((o) => ({ override: o, span: { start: millis(o.from), end: millis(o.until) } }));
  const shift = (personId: string, span: Span, override: OnCallOverride | null): Shift => ({
    scheduleId: schedule.id,
    personId,
    layer: override !== null && (override.layer ?? null) === null ? null : layer.name,
    override: override !== null,
    start: iso(span.start),
    end: iso(span.end),
  });
  const rotation = layerShifts(layer, schedule.timeZone, window).flatMap(({ personId, ...span }) =>
    applicable
      .reduce((pieces, { span: cut }) => subtract(pieces, cut), [span] as Span[])
      .map((piece) => shift(personId, piece, null)),
  );
  const overridden = applicable.flatMap(({ override, span }, index) =>
    applicable
      .slice(index + 1)
      .reduce((pieces, later) => subtract(pieces, later.span), [span])
      .map((piece) => shift(override.person, piece, override)),
  );
  return [...rotation, ...overridden].filter((s) => overlaps({ start: millis(s.start), end: millis(s.end) }, window));
}

/** An override of every layer comes first: it stands for the whole schedule. */
const layerOrder = (schedule: OnCallSchedule, shift: Shift): number =>
  shift.layer === null ? -1 : schedule.layers.findIndex((layer) => layer.name === shift.layer);

const shiftKey = (s: Shift) => `${s.personId}|${s.layer ?? ''}|${s.override}|${s.start}|${s.end}`;

/**
 * Every shift of the schedule that overlaps [from, until), whole (not cut at the window's edges), ordered by
 * start then layer. An override of every layer appears once, not once per layer.
 */
export function shiftsBetween(schedule: OnCallSchedule, from: IsoTimestamp, until: IsoTimestamp): Shift[] {
  const window = { start: millis(from), end: millis(until) };
  if (window.end <= window.start) throw new RangeError(`empty window: ${from} .. ${until}`);
  const unique = new Map<string, Shift>();
  for (const layer of schedule.layers) {
    for (const shift of layerTimeline(schedule, layer, window)) unique.set(shiftKey(shift), shift);
  }
  return [...unique.values()].sort(
    (a, b) => millis(a.start) - millis(b.start) || layerOrder(schedule, a) - layerOrder(schedule, b),
  );
}

/** Who is on call for the schedule at an instant: the person of each layer, overrides applied. */
export function onCallAt(schedule: OnCallSchedule, at: IsoTimestamp): OnCall {
  const instant = millis(at);
  const shifts = shiftsBetween(schedule, at, iso(instant + 1)).sort(
    (a, b) => layerOrder(schedule, a) - layerOrder(schedule, b),
  );
  return { scheduleId: schedule.id, at: iso(instant), people: [...new Set(shifts.map((s) => s.personId))], shifts };
}

/** A directory schedule with the overrides made through the API after its own (so theirs win). */
export const withOverrides = (schedule: Schedule, made: readonly OnCallOverride[]): OnCallSchedule => ({
  ...schedule,
  overrides: [...schedule.overrides, ...made],
});

/** What the escalation policy asks: the on-call of the directory's schedules, API overrides included. */
export function onCallResolver(
  schedules: readonly Schedule[],
  made: ReadonlyMap<string, readonly OnCallOverride[]> = new Map(),
): OnCallResolver {
  return (scheduleId, at) => {
    const schedule = schedules.find((s) => s.id === scheduleId);
    return schedule === undefined ? [] : onCallAt(withOverrides(schedule, made.get(scheduleId) ?? []), at).people;
  };
}
