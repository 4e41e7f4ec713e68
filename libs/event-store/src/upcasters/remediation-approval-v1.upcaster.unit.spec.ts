import { UpcasterRegistry } from '../upcasting';
import { recordedEvent } from '../testing-support/recorded-event';
import {
  remediationApprovalRequestedV1Upcaster,
  remediationApprovedV1Upcaster,
  remediationRejectedV1Upcaster,
} from './remediation-approval-v1.upcaster';

const registry = new UpcasterRegistry([
  remediationApprovalRequestedV1Upcaster,
  remediationApprovedV1Upcaster,
  remediationRejectedV1Upcaster,
]);
const base = { incidentId: '1', remediationId: 'rem-1' };

describe('RemediationApprovalRequested v1 → v2', () => {
  it('reads an unknown cost, currency and expiry as null', () => {
    const v1 = { ...base, requestedFrom: 'customer:acme', requestedAt: '2025-03-01T10:05:00.000Z' };
    const upcast = registry.upcast(recordedEvent('RemediationApprovalRequested', 1, v1));
    expect(upcast.schemaVersion).toBe(2);
    expect(upcast.data).toEqual({ ...v1, monthlyCostDelta: null, currency: null, validUntil: null });
  });
});

describe('RemediationApproved v1 → v2', () => {
  it('records that nobody acted on anyone’s behalf', () => {
    const v1 = { ...base, approvedBy: 'customer:acme', approvedAt: '2025-03-01T10:06:00.000Z' };
    const upcast = registry.upcast(recordedEvent('RemediationApproved', 1, v1));
    expect(upcast.schemaVersion).toBe(2);
    expect(upcast.data).toEqual({ ...v1, onBehalfOf: null, onBehalfReason: null });
  });
});

describe('RemediationRejected v1 → v2', () => {
  it('keeps the rejection reason and records that nobody acted on anyone’s behalf', () => {
    const v1 = { ...base, rejectedBy: 'customer:acme', reason: 'too costly', rejectedAt: '2025-03-01T10:06:00.000Z' };
    const upcast = registry.upcast(recordedEvent('RemediationRejected', 1, v1));
    expect(upcast.schemaVersion).toBe(2);
    expect(upcast.data).toEqual({ ...v1, onBehalfOf: null, onBehalfReason: null });
  });

  it('leaves v2 events alone', () => {
    const v2 = recordedEvent('RemediationRejected', 2, { ...base, onBehalfOf: 'contact-acme-cfo' });
    expect(registry.upcast(v2)).toBe(v2);
  });
});
