import { Alert, Button, Group, Modal, NumberInput, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { IncidentSummary } from '../../api/types';
import { words } from '../../format';
import type { Field, FormValues, ResponderAction } from './responder-actions';

/** The dialog of an action that takes fields: labelled inputs, the refusal in words, submit and cancel. */
export function ActionForm(props: {
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
