import type { IncidentEvent } from '@incident/domain';
import { foldHistoricIncident, type HistoricIncident } from './historic-incident';

const incidentId = '5b0c7a52-3c4e-4b8a-9a51-8f7c0e0d3a11';
const at = '2026-11-22T04:00:00.000Z';
const opened = (drill = false): IncidentEvent => ({
  type: 'IncidentOpened',
  data: {
    incidentId,
    dedupKey: 'checkout',
    source: 'alertmanager',
    customerId: 'acme',
    service: 'checkout-api',
    title: 'Checkout API is down',
    category: 'availability.downtime',
    severity: 'high',
    labels: {},
    drill,
    alertId: null,
    openedAt: at,
  },
});
const classification = {
  category: 'availability.downtime',
  severity: 'high',
  preApprovedMinutes: null,
  ruleSetVersion: 1,
  reasons: [],
  maintenanceWindowId: null,
  flags: [],
} as const;
const triaged = (owningTeam: string, ruleId: string): IncidentEvent => ({
  type: 'IncidentTriaged',
  data: { incidentId, ...classification, owningTeam, ruleId, triagedAt: at },
});
const reclassified = (owningTeam: string, ruleId: string): IncidentEvent => ({
  type: 'IncidentReclassified',
  data: { incidentId, ...classification, severity: 'urgent', owningTeam, ruleId, triagedAt: at },
});

const fold = (events: IncidentEvent[]): HistoricIncident | undefined =>
  events.reduce<HistoricIncident | undefined>(
    (incident, event) => foldHistoricIncident(incident, event, at),
    undefined,
  );

describe('foldHistoricIncident', () => {
  it('given only an opening: untriaged, facts as opened', () => {
    const incident = fold([opened()]);
    expect(incident).toMatchObject({
      recordedAt: at,
      decidedBy: null,
      actual: { disposition: 'untriaged', pages: false },
    });
    expect(incident!.opened.service).toBe('checkout-api');
  });

  it('given a triage by the rules: routed, paging', () => {
    expect(fold([opened(), triaged('infrastructure', 'infra')])).toMatchObject({
      decidedBy: 'rules',
      actual: { owningTeam: 'infrastructure', ruleId: 'infra', disposition: 'routed', pages: true },
    });
  });

  it('given a drill, or a triage inside a maintenance window: routed but never paging', () => {
    expect(fold([opened(true), triaged('infrastructure', 'infra')])!.actual.pages).toBe(false);
    const inWindow: IncidentEvent = {
      type: 'IncidentTriaged',
      data: { incidentId, ...classification, maintenanceWindowId: 'w1', owningTeam: 'db', ruleId: 'mw', triagedAt: at },
    };
    expect(fold([opened(), inWindow])!.actual).toMatchObject({ disposition: 'routed', pages: false });
  });

  it('given a person reclassified it later: their decision is what was decided', () => {
    expect(fold([opened(), triaged('infrastructure', 'infra'), reclassified('security', 'manual:bob')])).toMatchObject({
      decidedBy: 'person',
      actual: { owningTeam: 'security', severity: 'urgent', ruleId: 'manual:bob' },
    });
  });

  it('given a return to the customer: disposed of, downgraded, not paging', () => {
    const returned: IncidentEvent = {
      type: 'IncidentReturnedToCustomer',
      data: {
        incidentId,
        reason: 'no application support',
        returnedBy: 'triage',
        previousSeverity: 'high',
        downgradedTo: 'normal',
        returnedAt: at,
      },
    };
    expect(fold([opened(), triaged('application-support', 'app'), returned])!.actual).toMatchObject({
      disposition: 'returned_to_customer',
      severity: 'normal',
      pages: false,
    });
  });

  it('given no action, then a reclassification: still no action', () => {
    const noAction: IncidentEvent = {
      type: 'IncidentMarkedNoAction',
      data: { incidentId, reason: 'staging', decidedBy: 'triage', markedAt: at },
    };
    expect(fold([opened(), triaged('app', 'r'), noAction, reclassified('app', 'manual:bob')])!.actual.disposition).toBe(
      'no_action',
    );
  });

  it('ignores a stream that does not start with its opening', () => {
    expect(fold([triaged('infrastructure', 'infra')])).toBeUndefined();
  });
});
