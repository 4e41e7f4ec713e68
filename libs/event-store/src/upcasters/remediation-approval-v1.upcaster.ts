import type { Upcaster } from '../upcasting';

/*
 * Issue 13 made approvals name the cost change, its currency and an expiry, and record who decided for whom.
 * v1 requests had none of these, and v1 decisions were always made by the person named (no admin override),
 * so the new fields read as `null`: unknown cost, no expiry, nobody acting on anyone's behalf.
 */

export const remediationApprovalRequestedV1Upcaster: Upcaster = {
  type: 'RemediationApprovalRequested',
  fromVersion: 1,
  upcast: (data) => ({ ...(data as object), monthlyCostDelta: null, currency: null, validUntil: null }),
};

export const remediationApprovedV1Upcaster: Upcaster = {
  type: 'RemediationApproved',
  fromVersion: 1,
  upcast: (data) => ({ ...(data as object), onBehalfOf: null, onBehalfReason: null }),
};

export const remediationRejectedV1Upcaster: Upcaster = {
  type: 'RemediationRejected',
  fromVersion: 1,
  upcast: (data) => ({ ...(data as object), onBehalfOf: null, onBehalfReason: null }),
};
