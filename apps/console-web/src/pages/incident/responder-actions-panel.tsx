import { Title } from '@mantine/core';
import type { IncidentSummary } from '../../api/types';
import { CommandButtons } from './command-buttons';
import { RESPONDER_ACTIONS } from './responder-actions';

/** The responder's buttons. Only shown to a role the services accept; they refuse anyone else anyway. */
export function ResponderActionsPanel({ incident }: { readonly incident: IncidentSummary }) {
  return (
    <section aria-labelledby="actions-title">
      <Title order={2} size="h3" id="actions-title" mb="xs">
        Actions
      </Title>
      <CommandButtons incident={incident} actions={RESPONDER_ACTIONS} primary={['acknowledge', 'resolve']} />
    </section>
  );
}
