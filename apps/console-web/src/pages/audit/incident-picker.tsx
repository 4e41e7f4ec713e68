import { Anchor, Button, Group, List, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { apiGet } from '../../api/client';
import type { IncidentSummary } from '../../api/types';
import { useResource } from '../../api/use-resource';
import { Empty, Loaded } from '../../components/states';
import { hrefOf } from '../../router';

/** Which incident to audit: an id pasted in, or one of the latest. */
export function IncidentPicker() {
  const [id, setId] = useState('');
  const [latest, reload] = useResource('audit:latest', (signal) =>
    apiGet<{ items: IncidentSummary[] }>('/v1/incidents?limit=20', signal),
  );
  return (
    <Stack>
      <Title order={1}>Audit</Title>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (id.trim() !== '') window.location.hash = hrefOf.audit(id.trim());
        }}
      >
        <Group align="flex-end">
          <TextInput label="Incident id" value={id} onChange={(e) => setId(e.currentTarget.value)} w={360} />
          <Button type="submit">Open history</Button>
        </Group>
      </form>
      <Title order={2} size="h3">
        Latest incidents
      </Title>
      <Loaded resource={latest} what="the latest incidents" retry={reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>No incidents yet.</Empty>
          ) : (
            <List>
              {items.map((incident) => (
                <List.Item key={incident.incidentId}>
                  <Anchor href={hrefOf.audit(incident.incidentId)}>{incident.title}</Anchor> ({incident.status})
                </List.Item>
              ))}
            </List>
          )
        }
      </Loaded>
    </Stack>
  );
}
