import { approvalActions } from './approval-actions';

describe('approvalActions', () => {
  it("lets the customer approve at once and asks a reason to reject, on the remediation's routes", () => {
    const [approve, reject] = approvalActions('customer', 'resize-db');

    expect(approve?.path('i1')).toBe('/v1/incidents/i1/remediations/resize-db/approve');
    expect(approve?.fields).toEqual([]);
    expect(reject?.path('i1')).toBe('/v1/incidents/i1/remediations/resize-db/reject');
    expect(reject?.fields.map((field) => field.name)).toEqual(['reason']);
  });

  it('asks an admin why they decide for the customer', () => {
    const [approve, reject] = approvalActions('admin', 'resize-db');

    expect(approve?.fields.map((field) => field.name)).toEqual(['onBehalfReason']);
    expect(reject?.fields.map((field) => field.name)).toEqual(['reason', 'onBehalfReason']);
  });
});
