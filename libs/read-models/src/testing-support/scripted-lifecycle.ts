import { incidentDecider, type IncidentCommand, incidentStreamId } from '@incident/domain';
import { handleCommand, type EventStore } from '@incident/event-store';

const T0 = Date.parse('2026-11-20T09:00:00.000Z');
/** `at(5)`: five minutes after the incident opened. */
export const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

type Data<T extends IncidentCommand['type']> = Omit<Extract<IncidentCommand, { type: T }>['data'], 'incidentId'>;

/**
 * One incident from open to closed the way the services drive it: every command through the command loop with
 * the real decider. Minutes after opening: triaged 2, paged 3, acknowledged 5, escalated 8, mitigation SLA
 * breached 20, mitigated 25, resolved 40, closed 90.
 */
export async function scriptedLifecycle(store: EventStore, incidentId: string): Promise<void> {
  const run = async <T extends IncidentCommand['type']>(type: T, minute: number, data: Data<T>) => {
    const command = { type, data: { incidentId, ...data } } as unknown as IncidentCommand;
    const context = { occurredAt: at(minute), actor: { kind: 'user' as const, id: 'alice' }, correlationId: 'c-1' };
    await handleCommand(store, incidentDecider, incidentStreamId(incidentId), command, context);
  };
  await run('OpenIncident', 0, {
    dedupKey: 'checkout/HighErrorRate',
    source: 'alertmanager',
    customerId: 'acme',
    service: 'checkout-api',
    title: 'Checkout API is down',
    alertId: 'alert-1',
    openedAt: at(0),
  });
  await run('CorrelateAlert', 1, { alertId: 'alert-2', receivedAt: at(1) });
  await run('TriageIncident', 2, {
    severity: 'urgent',
    category: 'availability.downtime',
    owningTeam: 'infrastructure',
    ruleId: 'rule-availability',
    preApprovedMinutes: 60,
    triagedAt: at(2),
  });
  await run('PageResponder', 3, { pageId: 'page-1', responderId: 'bob', channel: 'sms', pagedAt: at(3) });
  await run('AcknowledgeIncident', 5, { responderId: 'bob', acknowledgedAt: at(5) });
  await run('EscalateIncident', 8, { reason: 'asked_for_help', toLevel: 2, requestedBy: 'bob', escalatedAt: at(8) });
  await run('PageResponder', 8, { pageId: 'page-2', responderId: 'carol', channel: 'phone', pagedAt: at(8) });
  await run('ApplyContainment', 10, {
    containmentId: 'con-1',
    action: 'redirect_traffic',
    description: 'traffic moved to eu-central-1',
    appliedBy: 'bob',
    appliedAt: at(10),
  });
  await run('PostStatusUpdate', 12, {
    audience: 'customer',
    message: 'We are on it',
    postedBy: 'bob',
    postedAt: at(12),
  });
  await run('RecordSlaBreach', 20, { sla: 'mitigation', targetMinutes: 15, breachedAt: at(20) });
  await run('LogTime', 24, { responderId: 'bob', kind: 'corrective', minutes: 75, loggedAt: at(24) });
  await run('MitigateIncident', 25, { mitigatedBy: 'bob', summary: 'traffic redirected', mitigatedAt: at(25) });
  await run('ResolveIncident', 40, { resolvedBy: 'bob', summary: 'pods restarted', resolvedAt: at(40) });
  await run('StartReview', 60, { startedBy: 'carol', startedAt: at(60) });
  await run('RecordRootCause', 65, {
    whys: ['the pods ran out of memory'],
    rootCause: 'no limit on the session cache',
    recordedBy: 'carol',
    recordedAt: at(65),
  });
  await run('AddActionItem', 70, {
    actionItemId: 'ai-1',
    kind: 'preventive',
    title: 'alert on cache size',
    owner: 'dave',
    dueDate: '2026-12-15',
    addedAt: at(70),
  });
  await run('PublishReview', 80, { summary: 'memory exhaustion', publishedBy: 'carol', publishedAt: at(80) });
  await run('CloseIncident', 90, { closedBy: 'carol', closedAt: at(90) });
}
