import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestEventStore, readLogUntil, type TestEventStore } from '@incident/event-store/testing';
import { describeWithInfrastructure } from '@incident/testing';
import { parseDirectory } from '../parse-directory';
import { DirectoryVersions } from '../versions/directory-versions';
import { runEscalationWhatIf } from './escalation-whatif-run';

const example = readFileSync(join(__dirname, '../../../../config/directory.example.yaml'), 'utf8');

/**
 * The proposal: alice leaves the infra-primary rota (bob and carol alternate weekly from 2 Nov), level 2 of
 * the infrastructure policy comes after 5 minutes instead of 15, and high incidents must be acknowledged
 * within 10 minutes instead of 15.
 */
const proposedYaml = example
  .replace('        members: [alice, bob, carol]', '        members: [bob, carol]')
  .replace(
    '      - delayMinutes: 15\n        targets: [{ kind: team, id: customer-success }]',
    '      - delayMinutes: 5\n        targets: [{ kind: team, id: customer-success }]',
  )
  .replace('high: { acknowledgeWithinMinutes: 15,', 'high: { acknowledgeWithinMinutes: 10,');

const who = { actor: { kind: 'system' as const, id: 'test' }, correlationId: 'whatif-history' };
const minute = (at: string, minutes: number) => new Date(Date.parse(at) + minutes * 60_000).toISOString();

interface Story {
  readonly openedAt: string;
  readonly team: string;
  readonly severity: 'critical' | 'high' | 'medium';
  readonly drill?: boolean;
  readonly ackAfter?: number;
  readonly resolvedAfter?: number;
}

describeWithInfrastructure(['postgres'], 'the escalation what-if over real history', () => {
  let eventStore: TestEventStore;
  const ids: Record<string, string> = {};
  let appended = 1; // the directory version

  async function record(name: string, story: Story): Promise<void> {
    const incidentId = randomUUID();
    ids[name] = incidentId;
    const { openedAt } = story;
    const event = (type: string, data: object) => ({
      type,
      data: { incidentId, ...data },
      metadata: { ...who, occurredAt: openedAt },
    });
    const events = [
      event('IncidentOpened', {
        dedupKey: `whatif/${name}`,
        source: 'alertmanager',
        customerId: 'acme',
        service: 'acme-api',
        title: `incident ${name}`,
        category: 'availability.downtime',
        severity: null,
        labels: {},
        drill: story.drill ?? false,
        alertId: null,
        openedAt,
      }),
      event('IncidentTriaged', {
        severity: story.severity,
        category: 'availability.downtime',
        owningTeam: story.team,
        ruleId: 'test',
        preApprovedMinutes: null,
        triagedAt: openedAt,
      }),
      ...(story.ackAfter === undefined
        ? []
        : [event('IncidentAcknowledged', { responderId: 'bob', acknowledgedAt: minute(openedAt, story.ackAfter) })]),
      ...(story.resolvedAfter === undefined
        ? []
        : [
            event('IncidentResolved', {
              cause: 'responder',
              resolvedBy: 'bob',
              summary: 'fixed',
              reviewRequired: false,
              resolvedAt: minute(openedAt, story.resolvedAfter),
            }),
          ]),
    ];
    await eventStore.store.append(`incident-${incidentId}`, events, 'no_stream');
    appended += events.length;
  }

  beforeAll(async () => {
    eventStore = await createTestEventStore('escalation_whatif');
    // The example directory came into force on 1 October, before every incident below.
    const october = await eventStore.connect({ store: { now: () => new Date('2026-10-01T00:00:00Z') } });
    await new DirectoryVersions(october.store).apply(example, 'directory.yaml', {
      ...who,
      occurredAt: '2026-10-01T00:00:00Z',
    });
    // infra-primary in force: alice from 2 Nov, bob from 9 Nov, carol from 16 Nov, alice from 23 Nov (Mondays 09:00 Paris).
    await record('before-the-period', {
      openedAt: '2026-10-20T10:00:00Z',
      team: 'customer-success',
      severity: 'high',
      ackAfter: 40,
    });
    await record('A', { openedAt: '2026-11-10T10:00:00Z', team: 'customer-success', severity: 'high', ackAfter: 8 });
    await record('B', { openedAt: '2026-11-17T10:00:00Z', team: 'customer-success', severity: 'high', ackAfter: 20 });
    await record('C', {
      openedAt: '2026-11-24T10:00:00Z',
      team: 'customer-success',
      severity: 'medium',
      resolvedAfter: 12,
    });
    await record('D', {
      openedAt: '2026-11-24T11:00:00Z',
      team: 'customer-success',
      severity: 'high',
      drill: true,
      ackAfter: 30,
    });
    await record('E', { openedAt: '2026-11-25T10:00:00Z', team: 'database', severity: 'critical', ackAfter: 4 });
    await record('G', { openedAt: '2026-11-26T10:00:00Z', team: 'customer-success', severity: 'high', ackAfter: 12 });
    // The global log hides fresh commits while an older transaction anywhere in the shared cluster is open.
    await readLogUntil(eventStore.store, (events) => events.length >= appended);
  });

  afterAll(async () => {
    await eventStore?.close();
  });

  it('counts each person’s pages under the directory in force and under the proposal, and the late acknowledgements', async () => {
    const parsed = parseDirectory(proposedYaml, 'proposed.yaml');
    if (!('directory' in parsed)) throw new Error(`the proposal does not parse: ${JSON.stringify(parsed.errors)}`);
    const headBefore = await eventStore.store.head();

    const report = await runEscalationWhatIf(eventStore.store, parsed.directory, {
      from: new Date('2026-11-01T00:00:00Z'),
      until: new Date('2026-12-01T00:00:00Z'),
    });

    expect({ cycles: report.cycles, drills: report.drills, unpaged: report.unpaged }).toEqual({
      cycles: 6,
      drills: 1,
      unpaged: [],
    });
    // In force: A bob; B carol, then the team; C alice; D (drill: alice, carol only) alice, then alice+carol; E bob; G alice.
    // Proposed: every customer-success cycle reaches level 2 (after 5 minutes) before its acknowledgement.
    expect(report.people.map((p) => [p.personId, p.inForce, p.proposed])).toEqual([
      ['carol', 3, 9],
      ['bob', 3, 6],
      ['alice', 5, 5],
    ]);
    expect(report.breaches).toEqual([
      {
        incidentId: ids['B'],
        team: 'customer-success',
        severity: 'high',
        openedAt: '2026-11-17T10:00:00Z',
        acknowledgedAt: '2026-11-17T10:20:00.000Z',
        minutesToAcknowledge: 20,
        targetMinutes: 10,
        breachedInForce: true,
        firstProposedPageMinutes: 0,
      },
      expect.objectContaining({
        incidentId: ids['G'],
        minutesToAcknowledge: 12,
        targetMinutes: 10,
        breachedInForce: false,
      }),
    ]);
    expect(await eventStore.store.head()).toEqual(headBefore);
  });
});
