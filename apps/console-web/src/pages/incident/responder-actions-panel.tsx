import { Alert, Button, Group, Modal, NumberInput, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { apiPost } from '../../api/client';
import { useSession } from '../../api/session';
import type { IncidentSummary } from '../../api/types';
import { errorInWords } from '../../components/states';
import { words } from '../../format';
import { bodyOf, type Field, type FormValues, RESPONDER_ACTIONS, type ResponderAction } from './responder-actions';

type Outcome = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly text: string };

/** The responder's buttons. Only shown to a role the services accept; they refuse anyone else anyway. */
export function ResponderActionsPanel({ incident }: { readonly incident: IncidentSummary }) {
  const session = useSession();
  const [open, setOpen] = useState<ResponderAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const run = async (action: ResponderAction, values: FormValues) => {
    const built = bodyOf(action, values);
    if ('missing' in built) {
      setOutcome({ ok: false, text: `${built.missing} is required.` });
      return;
    }
    setBusy(true);
    try {
      await apiPost(action.path(incident.incidentId), built.body, session.csrfToken);
      setOutcome({ ok: true, text: `${action.label}: done.` });
      setOpen(null);
    } catch (error) {
      setOutcome({ ok: false, text: errorInWords(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="actions-title">
      <Title order={2} size="h3" id="actions-title">
        Actions
      </Title>
      <Group gap="xs" mt="xs">
        {RESPONDER_ACTIONS.map((action) => (
          <Button
            key={action.id}
            variant={action.id === 'acknowledge' || action.id === 'resolve' ? 'filled' : 'default'}
            color={action.color ?? 'blue'}
            loading={busy && open === null && action.fields.length === 0}
            onClick={() => {
              setOutcome(null);
              if (action.fields.length === 0) void run(action, {});
              else setOpen(action);
            }}
          >
            {action.label}
          </Button>
        ))}
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
          busy={busy}
          problem={outcome && !outcome.ok ? outcome.text : null}
          onCancel={() => setOpen(null)}
          onSubmit={(values) => void run(open, values)}
        />
      )}
    </section>
  );
}

function ActionForm(props: {
  readonly action: ResponderAction;
  readonly incident: IncidentSummary;
  readonly busy: boolean;
  readonly problem: string | null;
  readonly onCancel: () => void;
  readonly onSubmit: (values: FormValues) => void;
}) {
  const { action, incident } = props;
  const [values, setValues] = useState<FormValues>(() => action.initial?.(incident) ?? {});
  const set = (name: string, value: string) => setValues((before) => ({ ...before, [name]: value }));
  return (
    <Modal opened onClose={props.onCancel} title={action.label} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          props.onSubmit(values);
        }}
      >
        <Stack>
          {action.fields.map((field) => (
            <FieldInput key={field.name} field={field} value={values[field.name] ?? ''} onChange={set} />
          ))}
          {props.problem && (
            <Alert color="red" role="alert">
              {props.problem}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onCancel}>
              Cancel
            </Button>
            <Button type="submit" loading={props.busy} color={action.color ?? 'blue'}>
              {action.label}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function FieldInput({
  field,
  value,
  onChange,
}: {
  readonly field: Field;
  readonly value: string;
  readonly onChange: (name: string, value: string) => void;
}) {
  const common = { label: field.label, required: field.required };
  switch (field.kind) {
    case 'text':
      return <TextInput {...common} value={value} onChange={(e) => onChange(field.name, e.currentTarget.value)} />;
    case 'long-text':
      return (
        <Textarea
          {...common}
          autosize
          minRows={2}
          value={value}
          onChange={(e) => onChange(field.name, e.currentTarget.value)}
        />
      );
    case 'number':
      return <NumberInput {...common} min={1} value={value} onChange={(next) => onChange(field.name, String(next))} />;
    case 'choice':
      return (
        <Select
          {...common}
          data={field.choices.map((choice) => ({ value: choice, label: words(choice) }))}
          value={value === '' ? null : value}
          onChange={(next) => onChange(field.name, next ?? '')}
          clearable={!field.required}
        />
      );
  }
}
