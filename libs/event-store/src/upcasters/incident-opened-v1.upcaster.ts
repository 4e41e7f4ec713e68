import type { Upcaster } from '../upcasting';

/**
 * IncidentOpened v1 (the first intake's shape) named the customer `customer`, had no drill flag (drills were
 * marked with the label drill=true) and no alert id. v2 is what the domain emits today.
 */
export interface IncidentOpenedV1Data {
  readonly incidentId: string;
  readonly dedupKey: string;
  readonly source: string;
  readonly customer: string;
  readonly service: string;
  readonly title: string;
  readonly category: string | null;
  readonly severity: string | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly openedAt: string;
}

export const incidentOpenedV1Upcaster: Upcaster = {
  type: 'IncidentOpened',
  fromVersion: 1,
  upcast(data) {
    const { customer, ...rest } = data as IncidentOpenedV1Data;
    return { ...rest, customerId: customer, drill: rest.labels['drill'] === 'true', alertId: null };
  },
};
