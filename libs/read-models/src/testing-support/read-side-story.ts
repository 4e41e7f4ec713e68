import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DirectoryVersions } from '@incident/directory';
import { incidentDecider, type IncidentCommand, incidentStreamId } from '@incident/domain';
import { type Actor, handleCommand, type EventStore } from '@incident/event-store';
import { at } from './scripted-lifecycle';

type Data<T extends IncidentCommand['type']> = Omit<Extract<IncidentCommand, { type: T }>['data'], 'incidentId'>;

const TRIAGE: Actor = { kind: 'system', id: 'triage' };
const PERSON: Actor = { kind: 'user', id: 'alice' };

/** The committed example directory: acme has 10 pre-approved hours a month, critical incidents a 30 min cadence. */
export const EXAMPLE_DIRECTORY = readFileSync(join(__dirname, '../../../../config/directory.example.yaml'), 'utf8');

/** The example directory with more customers, each with `hoursPerMonth` pre-approved hours and nothing else. */
export function directoryWithCustomers(customerIds: readonly string[], hoursPerMonth: number): string {
  const customers = customerIds.map((id) =>
    [
      `  - id: ${id}`,
      `    name: Customer ${id}`,
      '    subscriptions: [infrastructure]',
      '    contacts:',
      `      - { name: Ops ${id}, email: ops@${id}.example, approvesCostChanges: true }`,
      '    approvalThresholdPerMonth: { amount: 100, currency: EUR }',
      `    preApprovedHoursPerMonth: ${hoursPerMonth}`,
      '    availabilityNotifications: []',
    ].join('\n'),
  );
  return EXAMPLE_DIRECTORY.replace('customers:\n', `customers:\n${customers.join('\n')}\n`);
}

export async function applyDirectory(store: EventStore, text = EXAMPLE_DIRECTORY, occurredAt = at(5)): Promise<void> {
  const outcome = await new DirectoryVersions(store).apply(text, 'directory.yaml', {
    actor: PERSON,
    correlationId: 'directory',
    occurredAt,
  });
  if ('errors' in outcome) throw new Error(`the test directory does not validate: ${JSON.stringify(outcome.errors)}`);
}

/** The incidents of readSideStory, by role. */
export interface ReadSideStory {
  /** initech: acknowledgement SLA breached; customer told at minute -5, before any directory existed: none due. */
  readonly early: string;
  /** acme, urgent: reclassified by rule-a2, acknowledged by bob, customer told at 10 (next due 40), 30 min logged. */
  readonly acme: string;
  /** acme, high: acknowledged by carol, handed to team database, 580 min over acme's month, resolved, no review. */
  readonly handedOver: string;
  /** globex: returned to the customer ("no application support"), linked as a duplicate of `acme`. */
  readonly returned: string;
}

/**
 * Issue 13's read side in one story (minutes after 2026-11-20T09:00Z), every command through the real decider.
 * The example directory is applied at minute 5, between the early incident's notification and the others.
 */
export async function readSideStory(store: EventStore): Promise<ReadSideStory> {
  const ids = { early: randomUUID(), acme: randomUUID(), handedOver: randomUUID(), returned: randomUUID() };
  const run = async <T extends IncidentCommand['type']>(
    incident: keyof typeof ids,
    type: T,
    minute: number,
    data: Data<T>,
    actor: Actor = PERSON,
  ) => {
    const incidentId = ids[incident];
    const command = { type, data: { incidentId, ...data } } as unknown as IncidentCommand;
    const context = { occurredAt: at(minute), actor, correlationId: incidentId };
    await handleCommand(store, incidentDecider, incidentStreamId(incidentId), command, context);
  };
  const open = (incident: keyof typeof ids, customerId: string, minute: number) =>
    run(incident, 'OpenIncident', minute, {
      dedupKey: `story/${incident}`,
      source: 'story',
      customerId,
      service: 'web',
      title: `Story incident ${incident}`,
      openedAt: at(minute),
    });
  const triage = (incident: keyof typeof ids, minute: number, data: Omit<Data<'TriageIncident'>, 'triagedAt'>) =>
    run(incident, 'TriageIncident', minute, { ...data, triagedAt: at(minute) }, TRIAGE);

  await open('early', 'initech', -10);
  await triage('early', -9, {
    severity: 'urgent',
    category: 'availability.downtime',
    owningTeam: 'customer-success',
    ruleId: 'rule-early',
  });
  await run('early', 'RecordSlaBreach', -6, { sla: 'acknowledgement', targetMinutes: 3, breachedAt: at(-6) }, TRIAGE);
  await run('early', 'NotifyCustomer', -5, {
    channel: 'email',
    message: 'looking',
    notifiedBy: 'bob',
    notifiedAt: at(-5),
  });

  await applyDirectory(store);

  await open('acme', 'acme', 6);
  await triage('acme', 7, {
    severity: 'high',
    category: 'availability.downtime',
    owningTeam: 'app-support',
    ruleId: 'rule-a',
  });
  await run('acme', 'AcknowledgeIncident', 8, { responderId: 'bob', acknowledgedAt: at(8) });
  await run('acme', 'NotifyCustomer', 10, {
    channel: 'email',
    message: 'on it',
    notifiedBy: 'bob',
    notifiedAt: at(10),
  });
  await triage('acme', 12, {
    severity: 'urgent',
    category: 'availability.downtime',
    owningTeam: 'customer-success',
    ruleId: 'rule-a2',
  });
  const november = { period: '2026-11', budgetMinutes: 600 };
  await run('acme', 'LogTime', 14, {
    responderId: 'bob',
    kind: 'corrective',
    minutes: 30,
    preApproved: { ...november, usedMinutes: 0 },
    loggedAt: at(14),
  });

  await open('handedOver', 'acme', 20);
  await triage('handedOver', 21, {
    severity: 'high',
    category: 'resources.exhausted',
    owningTeam: 'customer-success',
    ruleId: 'rule-b',
  });
  await run('handedOver', 'AcknowledgeIncident', 22, { responderId: 'carol', acknowledgedAt: at(22) });
  await run('handedOver', 'ReassignIncident', 23, {
    assigneeKind: 'team',
    assignee: 'database',
    reason: 'a database problem',
    reassignedBy: 'carol',
    reassignedAt: at(23),
  });
  await run('handedOver', 'LogTime', 24, {
    responderId: 'dave',
    kind: 'investigation',
    minutes: 580,
    preApproved: { ...november, usedMinutes: 30 },
    overrunReason: 'database outage',
    loggedAt: at(24),
  });
  await run('handedOver', 'ResolveIncident', 30, {
    resolvedBy: 'dave',
    summary: 'vacuumed',
    reviewRequired: false,
    resolvedAt: at(30),
  });

  await open('returned', 'globex', 40);
  await triage('returned', 41, {
    severity: 'normal',
    category: 'defect.bug',
    owningTeam: 'app-support',
    ruleId: 'rule-c',
  });
  await run('returned', 'ReturnIncidentToCustomer', 42, {
    reason: 'no application support',
    returnedBy: 'triage',
    downgradeTo: 'low',
    returnedAt: at(42),
  });
  await run('returned', 'LinkIncident', 43, {
    linkedIncidentId: ids.acme,
    relation: 'duplicate_of',
    linkedBy: 'alice',
    linkedAt: at(43),
  });
  return ids;
}
