/** Where an alert stands in every format that says: still firing, or resolved at its source. */
export const ALERT_STATUSES = ['firing', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
