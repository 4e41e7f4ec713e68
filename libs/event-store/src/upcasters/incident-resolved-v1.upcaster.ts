import type { Upcaster } from '../upcasting';

/**
 * IncidentResolved v1 (before issue 13) had no `reviewRequired`: every resolved incident had to be reviewed
 * before it could close, so v1 reads as `reviewRequired: true`. v2 is what the domain emits today.
 */
export const incidentResolvedV1Upcaster: Upcaster = {
  type: 'IncidentResolved',
  fromVersion: 1,
  upcast(data) {
    const v1 = data as Record<string, unknown>;
    // A store without this upcaster writes today's shape as version 1: keep what it says.
    return { ...v1, reviewRequired: typeof v1['reviewRequired'] === 'boolean' ? v1['reviewRequired'] : true };
  },
};
