import { Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { apiGet } from '../../api/client';
import type { IncidentSummary, ResponseFigures } from '../../api/types';
import { useResource } from '../../api/use-resource';
import { Empty, Loaded } from '../../components/states';
import { FigureChart } from './figure-chart';
import { rollUp } from './metrics-rollup';

const DAY_MS = 86_400_000;
const dayOf = (time: number): string => new Date(time).toISOString().slice(0, 10);
const RANGES = [
  { value: '28', label: 'Last 4 weeks' },
  { value: '84', label: 'Last 12 weeks' },
  { value: '182', label: 'Last 26 weeks' },
];

/** MTTA, MTTR and SLA compliance per week, team and severity (drills excluded by the API), and the drills apart. */
export function MetricsPage() {
  const [days, setDays] = useState('84');
  const to = dayOf(Date.now());
  const from = dayOf(Date.now() - (Number(days) - 1) * DAY_MS);
  const [metrics, reload] = useResource(`metrics:${from}:${to}`, (signal) =>
    apiGet<{ figures: ResponseFigures[] }>(`/v1/metrics/response?from=${from}&to=${to}&period=week`, signal),
  );
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>Metrics</Title>
        <Select
          label="Range"
          data={RANGES}
          value={days}
          onChange={(value) => setDays(value ?? '84')}
          allowDeselect={false}
          w={200}
        />
      </Group>
      <Text size="sm">
        From {from} to {to}, in weeks starting on Monday. Drills are kept out of these figures; they are counted apart
        below.
      </Text>
      <Loaded resource={metrics} what="the metrics" retry={reload}>
        {({ figures }) =>
          figures.length === 0 ? (
            <Empty>No incidents in this range.</Empty>
          ) : (
            <SimpleGrid cols={{ base: 1, lg: 2 }}>
              <FigureChart title="Per week" rows={rollUp(figures, 'periodStart')} keyLabel="Week of" />
              <FigureChart title="Per team" rows={rollUp(figures, 'team')} keyLabel="Team" />
              <FigureChart title="Per severity" rows={rollUp(figures, 'severity')} keyLabel="Severity" />
            </SimpleGrid>
          )
        }
      </Loaded>
      <Drills from={from} />
    </Stack>
  );
}

function Drills({ from }: { readonly from: string }) {
  const [drills] = useResource(`drills:${from}`, (signal) =>
    apiGet<{ items: IncidentSummary[] }>(`/v1/incidents?drill=true&openedFrom=${from}T00:00:00Z&limit=200`, signal),
  );
  return (
    <section aria-labelledby="drills-title">
      <Title order={2} size="h3" id="drills-title">
        Drills
      </Title>
      <Loaded resource={drills} what="the drills">
        {({ items }) => {
          const resolved = items.filter((drill) => drill.resolvedAt !== null).length;
          return (
            <Text size="sm">
              {items.length === 0
                ? 'No drills in this range.'
                : `${items.length} drill(s) since ${from}, ${resolved} resolved.`}
            </Text>
          );
        }}
      </Loaded>
    </section>
  );
}
