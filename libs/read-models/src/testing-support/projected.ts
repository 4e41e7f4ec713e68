import type { IncidentEvent } from '@incident/domain';
import type { ProjectedEvent } from '../projection/projected-event';

export const INCIDENT = 'incident-under-test';
const T0 = Date.parse('2026-11-20T09:00:00.000Z');
export const minute = (n: number): string => new Date(T0 + n * 60_000).toISOString();

/** Folds events, as a projection would, numbering their revisions from 0. */
export function fold<Row>(
  evolve: (row: Row, projected: ProjectedEvent) => Row,
  initial: Row,
  events: IncidentEvent[],
): Row {
  return events.reduce((row, event, revision) => evolve(row, projected(event, revision)), initial);
}

export function projected(event: IncidentEvent, streamRevision = 0): ProjectedEvent {
  return {
    event,
    placement: {
      incidentId: event.data.incidentId,
      eventId: `00000000-0000-4000-8000-${String(streamRevision).padStart(12, '0')}`,
      streamRevision,
      globalPosition: String(streamRevision + 1),
      occurredAt: minute(streamRevision),
      recordedAt: minute(streamRevision),
      actor: { kind: 'user', id: 'alice' },
    },
  };
}

type Data<T extends IncidentEvent['type']> = Omit<Extract<IncidentEvent, { type: T }>['data'], 'incidentId'>;

/** An event of INCIDENT with the given data. */
export const event = <T extends IncidentEvent['type']>(type: T, data: Data<T>): IncidentEvent =>
  ({ type, data: { incidentId: INCIDENT, ...data } }) as unknown as IncidentEvent;

export const opened = (overrides: Partial<Data<'IncidentOpened'>> = {}): IncidentEvent =>
  event('IncidentOpened', {
    dedupKey: 'db/disk',
    source: 'alertmanager',
    customerId: 'acme',
    service: 'db',
    title: 'Disk full',
    category: null,
    severity: 'high',
    labels: {},
    drill: false,
    alertId: 'alert-1',
    openedAt: minute(0),
    ...overrides,
  });

export const triaged = (owningTeam = 'infrastructure', severity: 'urgent' | 'high' | 'normal' | 'low' = 'urgent') =>
  event('IncidentTriaged', {
    severity,
    category: 'resources.exhausted',
    owningTeam,
    ruleId: 'rule-1',
    preApprovedMinutes: null,
    ruleSetVersion: 1,
    reasons: [],
    maintenanceWindowId: null,
    flags: [],
    triagedAt: minute(1),
  });

/** Nobody acknowledged at `fromLevel` in time: the policy pages `toLevel`, at minute `at`. */
export const escalatedOnTimeout = (fromLevel: number, toLevel: number, at: number) =>
  event('IncidentEscalated', {
    reason: 'timeout',
    fromLevel,
    toLevel,
    requestedBy: null,
    note: null,
    escalatedAt: minute(at),
  });

/** Triage's rules move the incident to application support as a low-severity bug, at minute `at`. */
export const reclassifiedAsBug = (at: number) =>
  event('IncidentReclassified', {
    severity: 'low',
    category: 'defect.bug',
    owningTeam: 'application-support',
    ruleId: 'rule-2',
    preApprovedMinutes: null,
    ruleSetVersion: 1,
    reasons: [],
    maintenanceWindowId: null,
    flags: [],
    triagedAt: minute(at),
  });

type Overrides<T extends IncidentEvent['type']> = Partial<Data<T>>;

/** `bob` acknowledges at minute `at`. */
export const acknowledged = (at: number, overrides: Overrides<'IncidentAcknowledged'> = {}) =>
  event('IncidentAcknowledged', { responderId: 'bob', acknowledgedAt: minute(at), ...overrides });

export const mitigated = (at: number, overrides: Overrides<'IncidentMitigated'> = {}) =>
  event('IncidentMitigated', {
    mitigatedBy: 'bob',
    summary: 'ok',
    achievedBy: null,
    mitigatedAt: minute(at),
    ...overrides,
  });

/** `bob` resolves at minute `at`; a review is required. */
export const resolved = (at: number, overrides: Overrides<'IncidentResolved'> = {}) =>
  event('IncidentResolved', {
    cause: 'responder',
    resolvedBy: 'bob',
    summary: 'ok',
    reviewRequired: true,
    resolvedAt: minute(at),
    ...overrides,
  } as Data<'IncidentResolved'>);

export const severityChanged = (at: number, overrides: Overrides<'SeverityChanged'> = {}) =>
  event('SeverityChanged', {
    previousSeverity: 'urgent',
    severity: 'low',
    reason: 'returned to the customer',
    changedBy: 'alice',
    changedAt: minute(at),
    ...overrides,
  });

export const reassigned = (at: number, overrides: Overrides<'IncidentReassigned'> = {}) =>
  event('IncidentReassigned', {
    previousAssignee: 'bob',
    assigneeKind: 'person',
    assignee: 'erin',
    reason: 'level 2 takes over',
    reassignedBy: 'alice',
    reassignedAt: minute(at),
    ...overrides,
  });

/** The acknowledgement by `bob` timed out at minute `at`: back to triaged. */
export const unacknowledged = (at: number, overrides: Overrides<'IncidentUnacknowledged'> = {}) =>
  event('IncidentUnacknowledged', {
    previousAssignee: 'bob',
    reason: 'acknowledgement timed out',
    unacknowledgedBy: 'escalation',
    status: 'triaged',
    unacknowledgedAt: minute(at),
    ...overrides,
  });

/** A classification as triage wrote it before it recorded its rule-set version and reasons (issue 14). */
export const withoutProvenance = (classified: IncidentEvent): IncidentEvent => {
  const { ruleSetVersion: _version, reasons: _reasons, ...data } = classified.data as Record<string, unknown>;
  return { ...classified, data } as unknown as IncidentEvent;
};

/** A classification with the rule-set version and reasons triage records from issue 14 on. */
export const withProvenance = (classified: IncidentEvent, ruleSetVersion: number, reasons: string[]): IncidentEvent =>
  ({ ...classified, data: { ...classified.data, ruleSetVersion, reasons } }) as unknown as IncidentEvent;
