import type { Upcaster } from '../upcasting';

/**
 * IncidentTriaged and IncidentReclassified v1 (before issue 14) said which rule decided but not which rule-set
 * version, why, nor the maintenance window or flags: a v1 classification reads as decided by no applied version
 * (`ruleSetVersion: null`), with no recorded reasons, outside any window, asking nothing of the response.
 */
const upcastClassification = (data: unknown): unknown => {
  const v1 = data as Record<string, unknown>;
  // A store without this upcaster writes today's shape as version 1: keep what it says.
  return {
    ...v1,
    ruleSetVersion: typeof v1['ruleSetVersion'] === 'number' ? v1['ruleSetVersion'] : null,
    reasons: Array.isArray(v1['reasons']) ? v1['reasons'] : [],
    maintenanceWindowId: typeof v1['maintenanceWindowId'] === 'string' ? v1['maintenanceWindowId'] : null,
    flags: Array.isArray(v1['flags']) ? v1['flags'] : [],
  };
};

export const incidentTriagedV1Upcaster: Upcaster = {
  type: 'IncidentTriaged',
  fromVersion: 1,
  upcast: upcastClassification,
};

export const incidentReclassifiedV1Upcaster: Upcaster = {
  type: 'IncidentReclassified',
  fromVersion: 1,
  upcast: upcastClassification,
};
