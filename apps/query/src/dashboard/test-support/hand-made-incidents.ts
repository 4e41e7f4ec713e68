import { randomUUID } from 'node:crypto';
import { incidentDecider, type IncidentCommand } from '@incident/domain';
import { handleCommand, type EventStore } from '@incident/event-store';

type Data<T extends IncidentCommand['type']> = Omit<Extract<IncidentCommand, { type: T }>['data'], 'incidentId'>;
type OpenData = Data<'OpenIncident'>;

const later = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

export interface HandMadeIncident {
  readonly openedAt: string;
  readonly customerId?: string;
  readonly service?: string;
  readonly drill?: boolean;
  /** Triaged a minute after opening, when given. */
  readonly triage?: { readonly severity: Data<'TriageIncident'>['severity']; readonly owningTeam: string };
  /** Minutes after opening: an SLA breach recorded, acknowledged, mitigated, resolved. */
  readonly breach?: { readonly sla: Data<'RecordSlaBreach'>['sla']; readonly at: number };
  readonly acknowledgedAfter?: number;
  readonly mitigatedAfter?: number;
  readonly resolvedAfter?: number;
}

/** One incident driven through the command loop, with every time chosen by the test; returns its id. */
export async function handMadeIncident(store: EventStore, spec: HandMadeIncident): Promise<string> {
  const incidentId = randomUUID();
  const steps: [number, IncidentCommand['type'], Record<string, unknown>][] = [];
  const open: OpenData = {
    dedupKey: incidentId,
    source: 'hand',
    customerId: spec.customerId ?? 'hand-co',
    service: spec.service ?? 'billing',
    title: 'Hand-made incident',
    drill: spec.drill ?? false,
    openedAt: spec.openedAt,
  };
  steps.push([0, 'OpenIncident', { ...open }]);
  if (spec.triage) {
    const { severity, owningTeam } = spec.triage;
    const triagedAt = later(spec.openedAt, 1);
    steps.push([
      1,
      'TriageIncident',
      { severity, owningTeam, category: 'availability.downtime', ruleId: 'hand', triagedAt },
    ]);
  }
  const timed = (
    minute: number | undefined,
    type: IncidentCommand['type'],
    data: (at: string) => Record<string, unknown>,
  ) => {
    if (minute !== undefined) steps.push([minute, type, data(later(spec.openedAt, minute))]);
  };
  timed(spec.breach?.at, 'RecordSlaBreach', (at) => ({ sla: spec.breach?.sla, targetMinutes: 5, breachedAt: at }));
  timed(spec.acknowledgedAfter, 'AcknowledgeIncident', (at) => ({ responderId: 'bob', acknowledgedAt: at }));
  timed(spec.mitigatedAfter, 'MitigateIncident', (at) => ({ mitigatedBy: 'bob', summary: 'eased', mitigatedAt: at }));
  timed(spec.resolvedAfter, 'ResolveIncident', (at) => ({ resolvedBy: 'bob', summary: 'fixed', resolvedAt: at }));
  steps.sort(([a], [b]) => a - b);
  for (const [minute, type, data] of steps) {
    const occurredAt = later(spec.openedAt, minute);
    const command = { type, data: { incidentId, ...data } } as unknown as IncidentCommand;
    const context = { occurredAt, actor: { kind: 'user' as const, id: 'bob' }, correlationId: incidentId };
    await handleCommand(store, incidentDecider, `incident-${incidentId}`, command, context);
  }
  return incidentId;
}
