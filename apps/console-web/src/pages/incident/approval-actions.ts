import type { Role } from '../../api/types';
import type { Field, ResponderAction } from './responder-actions';

/**
 * Approve or reject a remediation waiting for the customer (apps/remediation, roles customer and admin). An admin
 * decides for the customer's contact and must say why; the reason is kept in the event for the auditor.
 */
export function approvalActions(role: Role, remediationId: string): ResponderAction[] {
  const onBehalf: Field[] =
    role === 'admin'
      ? [
          {
            name: 'onBehalfReason',
            label: "Why you decide for the customer's contact",
            kind: 'long-text',
            required: true,
          },
        ]
      : [];
  const on = (incidentId: string, what: string) =>
    `/v1/incidents/${incidentId}/remediations/${encodeURIComponent(remediationId)}/${what}`;
  return [
    { id: `approve-${remediationId}`, label: 'Approve', path: (id) => on(id, 'approve'), fields: onBehalf },
    {
      id: `reject-${remediationId}`,
      label: 'Reject',
      path: (id) => on(id, 'reject'),
      fields: [{ name: 'reason', label: 'Why not', kind: 'long-text', required: true }, ...onBehalf],
      color: 'red',
    },
  ];
}
