import { Badge } from '@mantine/core';
import { words } from '../format';

// Dark shades on light backgrounds (Mantine's "light" variant, shade 9 text) keep every badge above 4.5:1.
const STATUS_COLOURS: Readonly<Record<string, string>> = {
  triggered: 'red',
  triaged: 'orange',
  acknowledged: 'yellow',
  mitigated: 'blue',
  resolved: 'green',
  in_review: 'violet',
  closed: 'gray',
  no_action: 'gray',
  returned_to_customer: 'gray',
};

const SEVERITY_COLOURS: Readonly<Record<string, string>> = {
  urgent: 'red',
  high: 'orange',
  normal: 'blue',
  low: 'gray',
};

export function StatusBadge({ status }: { readonly status: string }) {
  return (
    <Badge variant="light" color={STATUS_COLOURS[status] ?? 'gray'} className="badge-strong" data-status={status}>
      {words(status)}
    </Badge>
  );
}

export function SeverityBadge({ severity }: { readonly severity: string | null }) {
  return (
    <Badge variant="light" color={severity ? (SEVERITY_COLOURS[severity] ?? 'gray') : 'gray'} className="badge-strong">
      {severity ?? 'unclassified'}
    </Badge>
  );
}
