import { Alert, Button, Group } from '@mantine/core';
import { useState } from 'react';
import { apiPost } from '../../api/client';
import { useSession } from '../../api/session';
import type { IncidentSummary } from '../../api/types';
import { errorInWords } from '../../components/states';
import { ActionForm } from './action-form';
import { bodyOf, type FormValues, type ResponderAction, unavailableReason } from './responder-actions';

type Outcome = { readonly ok: boolean; readonly text: string };

/**
 * A row of commands on an incident: one without fields runs at once, one with fields opens its dialog. The
 * outcome (done, or the refusal in words) is announced in a live region.
 */
export function CommandButtons(props: {
  readonly incident: IncidentSummary;
  readonly actions: readonly ResponderAction[];
  readonly size?: 'xs' | 'sm';
  readonly primary?: readonly string[];
}) {
  const { incident, actions } = props;
  const session = useSession();
  const [open, setOpen] = useState<ResponderAction | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const run = async (action: ResponderAction, values: FormValues) => {
    const built = bodyOf(action, values, incident);
    if ('missing' in built) {
      setOutcome({ ok: false, text: `${built.missing} is required.` });
      return;
    }
    setBusy(action.id);
    try {
      await apiPost(action.path(incident.incidentId), built.body, session.csrfToken);
      setOutcome({ ok: true, text: `${action.label}: done.` });
      setOpen(null);
    } catch (error) {
      setOutcome({ ok: false, text: errorInWords(error) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div>
      <Group gap="xs">
        {actions.map((action) => {
          const unavailable = unavailableReason(action, incident, session.subject);
          return (
            <Button
              key={action.id}
              size={props.size ?? 'sm'}
              variant={props.primary?.includes(action.id) ? 'filled' : 'default'}
              color={action.color ?? 'blue'}
              loading={busy === action.id && open === null}
              disabled={unavailable !== null}
              title={unavailable ?? undefined}
              onClick={() => {
                setOutcome(null);
                if (action.fields.length === 0) void run(action, {});
                else setOpen(action);
              }}
            >
              {action.label}
            </Button>
          );
        })}
      </Group>
      <div aria-live="polite">
        {outcome && (
          <Alert
            mt="sm"
            color={outcome.ok ? 'green' : 'red'}
            role={outcome.ok ? 'status' : 'alert'}
            data-testid="action-outcome"
          >
            {outcome.text}
          </Alert>
        )}
      </div>
      {open && (
        <ActionForm
          key={open.id}
          action={open}
          incident={incident}
          busy={busy !== null}
          problem={outcome && !outcome.ok ? outcome.text : null}
          onCancel={() => setOpen(null)}
          onSubmit={(values) => void run(open, values)}
        />
      )}
    </div>
  );
}
