import type { Directory, EscalationPolicy, Team } from '../directory';
import {
  drillParticipantsOf,
  escalationStep,
  firstLevel,
  policyForTeam,
  type EscalationContext,
  type OnCallResolver,
} from './escalation-policy';

const T0 = '2027-01-05T12:00:00.000Z';
const plus = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

const infrastructure: EscalationPolicy = {
  id: 'infrastructure',
  name: 'Infrastructure',
  levels: [
    { delayMinutes: 0, targets: [{ kind: 'schedule', id: 'infra-primary' }] },
    { delayMinutes: 15, targets: [{ kind: 'team', id: 'customer-success' }] },
    { delayMinutes: 30, targets: [{ kind: 'person', id: 'alice' }] },
  ],
  repeats: 1,
};
const teams: Team[] = [{ id: 'customer-success', name: 'CS', members: ['alice', 'bob', 'carol'] }];
const onCall =
  (people: readonly string[]): OnCallResolver =>
  () =>
    people;
const context = (overrides: Partial<EscalationContext> = {}): EscalationContext => ({
  teams,
  onCall: onCall(['bob']),
  drillParticipants: null,
  ...overrides,
});
const people = (step: ReturnType<typeof escalationStep>) =>
  step.kind === 'page' ? step.targets.map((t) => t.personId) : [];

describe('firstLevel', () => {
  it('is level 1 of the first round, due its delay after the policy starts', () => {
    const deferred = { ...infrastructure, levels: [{ ...infrastructure.levels[0]!, delayMinutes: 5 }] };
    expect([firstLevel(infrastructure, T0), firstLevel(deferred, T0)]).toEqual([
      { position: { level: 1, repeat: 0 }, dueAt: T0 },
      { position: { level: 1, repeat: 0 }, dueAt: plus(5) },
    ]);
  });
});

describe('escalationStep', () => {
  describe('given level 1 names a schedule', () => {
    it('pages its on-call at that instant, and gives them level 2’s delay before level 2', () => {
      const asked: [string, string][] = [];
      const resolver: OnCallResolver = (scheduleId, at) => (asked.push([scheduleId, at]), ['bob']);
      expect(escalationStep(infrastructure, { level: 1, repeat: 0 }, T0, context({ onCall: resolver }))).toEqual({
        kind: 'page',
        position: { level: 1, repeat: 0 },
        attempt: 1,
        pagedAt: T0,
        targets: [{ personId: 'bob', via: { kind: 'schedule', id: 'infra-primary' } }],
        skipped: [],
        waitUntil: plus(15),
        next: { level: 2, repeat: 0 },
      });
      expect(asked).toEqual([['infra-primary', T0]]);
    });
  });

  describe('given level 2 names a team', () => {
    it('pages every member, and waits level 3’s delay', () => {
      const step = escalationStep(infrastructure, { level: 2, repeat: 0 }, plus(15), context());
      expect(step).toMatchObject({ kind: 'page', attempt: 2, waitUntil: plus(45), next: { level: 3, repeat: 0 } });
      expect(people(step)).toEqual(['alice', 'bob', 'carol']);
    });
  });

  describe('given the last level of a round with a round to go', () => {
    it('waits the policy’s longest delay, then starts over at level 1 as attempt 4', () => {
      const last = escalationStep(infrastructure, { level: 3, repeat: 0 }, plus(45), context());
      const again = escalationStep(infrastructure, { level: 1, repeat: 1 }, plus(75), context());
      expect([last, again]).toMatchObject([
        { kind: 'page', attempt: 3, waitUntil: plus(75), next: { level: 1, repeat: 1 } },
        { kind: 'page', attempt: 4, position: { level: 1, repeat: 1 } },
      ]);
    });
  });

  describe('given a policy of waits shorter than a minute', () => {
    it('repeats after its longest wait, a fraction of a minute', () => {
      const quick = {
        ...infrastructure,
        levels: infrastructure.levels.map((level, i) => ({ ...level, delayMinutes: i * 0.05 })),
      };
      expect(escalationStep(quick, { level: 3, repeat: 0 }, T0, context())).toMatchObject({
        waitUntil: '2027-01-05T12:00:06.000Z',
      });
    });
  });

  describe('given a policy whose every delay is 0', () => {
    it('still gives the last level a minute before it repeats', () => {
      const atOnce = {
        ...infrastructure,
        levels: infrastructure.levels.map((level) => ({ ...level, delayMinutes: 0 })),
      };
      expect(escalationStep(atOnce, { level: 3, repeat: 0 }, T0, context())).toMatchObject({
        waitUntil: plus(1),
        next: { level: 1, repeat: 1 },
      });
    });
  });

  describe('given the last level of the last round', () => {
    it('pages it and names nothing next: the policy is exhausted at waitUntil', () => {
      expect(escalationStep(infrastructure, { level: 3, repeat: 1 }, plus(120), context())).toMatchObject({
        kind: 'page',
        attempt: 6,
        waitUntil: plus(150),
        next: null,
      });
    });
  });

  describe('given a level whose targets name nobody', () => {
    it('passes on at once to the next level that names someone', () => {
      expect(
        escalationStep(infrastructure, { level: 1, repeat: 0 }, T0, context({ onCall: onCall([]) })),
      ).toMatchObject({
        kind: 'page',
        position: { level: 2, repeat: 0 },
        pagedAt: T0,
        skipped: [{ level: 1, repeat: 0 }],
        waitUntil: plus(30),
      });
    });
  });

  describe('given a level naming a person twice (on call and a team member)', () => {
    it('pages them once, by the first target that named them', () => {
      const targets = [...infrastructure.levels[0]!.targets, { kind: 'team' as const, id: 'customer-success' }];
      const both = { ...infrastructure, levels: [{ delayMinutes: 0, targets }] };
      expect(escalationStep(both, { level: 1, repeat: 0 }, T0, context())).toMatchObject({
        targets: [
          { personId: 'bob', via: { kind: 'schedule' } },
          { personId: 'alice', via: { kind: 'team' } },
          { personId: 'carol', via: { kind: 'team' } },
        ],
      });
    });
  });

  describe('given a drill', () => {
    it('pages only the drill participants among the level’s targets', () => {
      const drill = context({ drillParticipants: ['carol', 'zoe'] });
      expect(people(escalationStep(infrastructure, { level: 1, repeat: 0 }, T0, drill))).toEqual(['carol']);
    });

    it('is exhausted at once when the team names no drill participants', () => {
      expect(escalationStep(infrastructure, { level: 1, repeat: 0 }, T0, context({ drillParticipants: [] }))).toEqual({
        kind: 'exhausted',
        skipped: [1, 2, 3]
          .flatMap((level) => [0, 1].map((repeat) => ({ level, repeat })))
          .sort((a, b) => a.repeat - b.repeat),
      });
    });
  });

  describe('given a position the policy does not have', () => {
    it.each([
      { level: 4, repeat: 0 },
      { level: 1, repeat: 2 },
      { level: 0, repeat: 0 },
    ])('refuses %o', (position) => {
      expect(() => escalationStep(infrastructure, position, T0, context())).toThrow(RangeError);
    });
  });
});

describe('policyForTeam and drillParticipantsOf', () => {
  const directory = {
    teams: [
      {
        id: 'customer-success',
        name: 'CS',
        members: ['alice'],
        escalationPolicy: 'infrastructure',
        drillParticipants: ['alice'],
      },
      { id: 'security', name: 'Security', members: ['frank'] },
      { id: 'nobody', name: 'No policy', members: [] },
    ],
    escalationPolicies: [infrastructure, { ...infrastructure, id: 'security' }],
  } as unknown as Directory;

  it('finds the policy the team names, else the policy with the team’s id, else none', () => {
    expect(
      ['customer-success', 'security', 'nobody'].map((team) => policyForTeam(directory, team)?.id ?? null),
    ).toEqual(['infrastructure', 'security', null]);
  });

  it('lists the team’s drill participants, none when it names none', () => {
    expect([drillParticipantsOf(directory, 'customer-success'), drillParticipantsOf(directory, 'security')]).toEqual([
      ['alice'],
      [],
    ]);
  });
});
