import type { Upcaster } from '../upcasting';

/*
 * Issue 13 moved pre-approved hours from the incident to the customer and period. v1 time entries had no kind:
 * DESIGN.md logs "time spent on corrective actions" against the hours, so they read as `corrective`, against no
 * known period. A v1 overrun was of the incident's allowance: its figures carry over, the customer and period
 * are unknown (`null`), and no reason was asked for.
 */

interface PreApprovedHoursExceededV1 {
  readonly incidentId: string;
  readonly preApprovedMinutes: number;
  readonly totalMinutes: number;
  readonly exceededAt: string;
}

export const timeLoggedV1Upcaster: Upcaster = {
  type: 'TimeLogged',
  fromVersion: 1,
  upcast: (data) => ({ ...(data as object), kind: 'corrective', period: null }),
};

export const preApprovedHoursExceededV1Upcaster: Upcaster = {
  type: 'PreApprovedHoursExceeded',
  fromVersion: 1,
  upcast: (data) => {
    const { incidentId, preApprovedMinutes, totalMinutes, exceededAt } = data as PreApprovedHoursExceededV1;
    return {
      incidentId,
      customerId: null,
      period: null,
      budgetMinutes: preApprovedMinutes,
      usedMinutes: totalMinutes,
      reason: null,
      exceededAt,
    };
  },
};
