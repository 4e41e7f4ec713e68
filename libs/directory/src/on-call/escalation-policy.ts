import type { Directory, EscalationPolicy, EscalationTarget, Team } from '../directory';

/** An ISO-8601 instant, as the domain's IsoTimestamp. */
type IsoTimestamp = string;

/**
 * How a policy reads (config/directory.example.yaml): a level's `delayMinutes` is how long the level before it
 * is given to acknowledge before this level is paged; level 1's is counted from the start of the policy
 * (triage, or a reopen), so 0 pages at once. The last level of a round is given the policy's longest delay
 * (a minute when every delay is 0) before the round starts over at level 1, or, after the last round, before the policy is
 * exhausted. `repeats` is how many times the policy starts over: repeats + 1 rounds in all.
 */

/** Where a policy stands: `level` counts from 1, `repeat` from 0 (the first round). */
export interface EscalationPosition {
  readonly level: number;
  readonly repeat: number;
}

/** The people on call for a schedule at an instant (built from `onCallAt` and the overrides in force). */
export type OnCallResolver = (scheduleId: string, at: IsoTimestamp) => readonly string[];

export interface EscalationContext {
  /** For `team` targets: every member of the team is paged. */
  readonly teams: readonly Team[];
  readonly onCall: OnCallResolver;
  /** A drill pages only these people (the owning team's drill participants); null for a real incident. */
  readonly drillParticipants: readonly string[] | null;
}

/** One person to page, and the policy target that named them (a schedule, a team, or the person). */
export interface PageTarget {
  readonly personId: string;
  readonly via: EscalationTarget;
}

/** The level at `position` is due at `dueAt` unless someone acknowledges first. */
export interface ScheduledLevel {
  readonly position: EscalationPosition;
  readonly dueAt: IsoTimestamp;
}

export type EscalationStep =
  | {
      readonly kind: 'page';
      readonly position: EscalationPosition;
      /** 1, 2, 3, … across rounds: with the incident, level and target it makes a page's idempotency key. */
      readonly attempt: number;
      readonly pagedAt: IsoTimestamp;
      readonly targets: readonly PageTarget[];
      /** Levels passed over at once because they named nobody to page (an empty rota, a drill's filter). */
      readonly skipped: readonly EscalationPosition[];
      /** Without an acknowledgement, `next` is paged at `waitUntil`; with `next` null the policy is exhausted then. */
      readonly waitUntil: IsoTimestamp;
      readonly next: EscalationPosition | null;
    }
  | {
      /** Nobody left to page: every remaining level named nobody. */
      readonly kind: 'exhausted';
      readonly skipped: readonly EscalationPosition[];
    };

const MINUTE = 60_000;
const plusMinutes = (at: IsoTimestamp, minutes: number): IsoTimestamp =>
  new Date(Date.parse(at) + minutes * MINUTE).toISOString();

/** The policy of a team: the one its `escalationPolicy` names, else the policy with the team's own id. */
export function policyForTeam(directory: Directory, teamId: string): EscalationPolicy | null {
  const team = directory.teams.find((t) => t.id === teamId);
  const policyId = team?.escalationPolicy ?? teamId;
  return directory.escalationPolicies.find((p) => p.id === policyId) ?? null;
}

/** The people a drill of the team's incidents may page; none when the team names no drill participants. */
export const drillParticipantsOf = (directory: Directory, teamId: string): readonly string[] =>
  directory.teams.find((t) => t.id === teamId)?.drillParticipants ?? [];

/** Level 1 of the first round, due its delay after the policy starts. */
export function firstLevel(policy: EscalationPolicy, startedAt: IsoTimestamp): ScheduledLevel {
  const first = levelOf(policy, { level: 1, repeat: 0 });
  return { position: { level: 1, repeat: 0 }, dueAt: plusMinutes(startedAt, first.delayMinutes) };
}

/** The position after `position`, or null after the last level of the last round. */
export function positionAfter(policy: EscalationPolicy, position: EscalationPosition): EscalationPosition | null {
  if (position.level < policy.levels.length) return { level: position.level + 1, repeat: position.repeat };
  return position.repeat < policy.repeats ? { level: 1, repeat: position.repeat + 1 } : null;
}

/** How long the level at `position` is given to acknowledge before what comes after it. */
export function waitAfter(policy: EscalationPolicy, position: EscalationPosition): number {
  if (position.level < policy.levels.length)
    return levelOf(policy, { ...position, level: position.level + 1 }).delayMinutes;
  // Not a floor of a minute: delays may be fractions (drills and tests use seconds).
  const longest = Math.max(...policy.levels.map((level) => level.delayMinutes));
  return longest > 0 ? longest : 1;
}

export const attemptOf = (policy: EscalationPolicy, position: EscalationPosition): number =>
  position.repeat * policy.levels.length + position.level;

/** The people a level names at an instant, each once, in the order of its targets; drills filtered. */
export function levelTargets(
  policy: EscalationPolicy,
  position: EscalationPosition,
  at: IsoTimestamp,
  context: EscalationContext,
): PageTarget[] {
  const seen = new Set<string>();
  const allowed = context.drillParticipants === null ? null : new Set(context.drillParticipants);
  return levelOf(policy, position).targets.flatMap((via) =>
    peopleOf(via, at, context)
      .filter((personId) => (allowed === null || allowed.has(personId)) && !seen.has(personId))
      .map((personId) => (seen.add(personId), { personId, via })),
  );
}

/**
 * What happens when the level at `position` falls due at `at` (the timer's due time, or the moment a person
 * asked for help): page its targets, or, when it names nobody, pass on to the next level at once. Pure; the
 * engine acts on the answer and schedules `next` at `waitUntil`.
 */
export function escalationStep(
  policy: EscalationPolicy,
  position: EscalationPosition,
  at: IsoTimestamp,
  context: EscalationContext,
): EscalationStep {
  const skipped: EscalationPosition[] = [];
  for (let current: EscalationPosition | null = position; current !== null; current = positionAfter(policy, current)) {
    const targets = levelTargets(policy, current, at, context);
    if (targets.length === 0) {
      skipped.push(current);
      continue;
    }
    return {
      kind: 'page',
      position: current,
      attempt: attemptOf(policy, current),
      pagedAt: at,
      targets,
      skipped,
      waitUntil: plusMinutes(at, waitAfter(policy, current)),
      next: positionAfter(policy, current),
    };
  }
  return { kind: 'exhausted', skipped };
}

function levelOf(policy: EscalationPolicy, position: EscalationPosition) {
  const level = policy.levels[position.level - 1];
  if (level === undefined || position.repeat < 0 || position.repeat > policy.repeats) {
    throw new RangeError(`policy ${policy.id} has no level ${position.level} in round ${position.repeat}`);
  }
  return level;
}

function peopleOf(target: EscalationTarget, at: IsoTimestamp, context: EscalationContext): readonly string[] {
  switch (target.kind) {
    case 'person':
      return [target.id];
    case 'team':
      return context.teams.find((team) => team.id === target.id)?.members ?? [];
    case 'schedule':
      return context.onCall(target.id, at);
    default:
      return unknownKind(target.kind);
  }
}

function unknownKind(kind: never): never {
  throw new Error(`unknown escalation target kind: ${String(kind)}`);
}
