import { Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { apiGet, apiGetIfServed } from '../../api/client';
import type { IncidentSummary } from '../../api/types';
import { useResource } from '../../api/use-resource';
import { Empty, Loaded } from '../../components/states';
import { ActionItemCounts } from './action-item-counts';
import { FigureChart } from './figure-chart';
import { type FigureRow, rollUp } from './metrics-rollup';

const DAY_MS = 86_400_000;
const dayOf = (time: number): string => new Date(time).toISOString().slice(0, 10);
const RANGES = [
  { value: '28', label: 'Last 4 weeks' },
  { value: '84', label: 'Last 12 weeks' },
  { value: '182', label: 'Last 26 weeks' },
];

/**
 * MTTA, MTTR and SLA compliance per week, team and severity (GET /v1/metrics/response, drills left out), and,
 * where the query service has GET /v1/metrics/figures, per category with time to review and the drills' own
 * figures apart.
 */
export function MetricsPage() {
  const [days, setDays] = useState('84');
  const to = dayOf(Date.now());
  const from = dayOf(Date.now() - (Number(days) - 1) * DAY_MS);
  const range = `from=${from}&to=${to}&period=week`;
  const [metrics, reload] = useResource(`metrics:${range}`, (signal) =>
    apiGet<{ figures: FigureRow[] }>(`/v1/metrics/response?${range}`, signal),
  );
  const [byCategory] = useResource(`figures:${range}`, (signal) =>
    apiGetIfServed<{ figures: FigureRow[] }>(`/v1/metrics/figures?${range}&drills=exclude`, signal),
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
        From {from} to {to}, in weeks starting on Monday. Drills are kept out of these figures; they are shown apart
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
              {byCategory.state === 'ready' && byCategory.value && byCategory.value.figures.length > 0 && (
                <FigureChart
                  title="Per category, with time to review"
                  rows={rollUp(byCategory.value.figures, 'category')}
                  keyLabel="Category"
                />
              )}
            </SimpleGrid>
          )
        }
      </Loaded>
      <Drills from={from} range={range} />
      <ActionItemCounts />
    </Stack>
  );
}

/** The drills' own figures when the query service has them, else how many drills ran. */
function Drills({ from, range }: { readonly from: string; readonly range: string }) {
  const [drills] = useResource(`drills:${range}`, async (signal) => {
    const figures = await apiGetIfServed<{ figures: FigureRow[] }>(`/v1/metrics/figures?${range}&drills=only`, signal);
    const listed = await apiGet<{ items: IncidentSummary[] }>(
      `/v1/incidents?drill=true&openedFrom=${from}T00:00:00Z&limit=200`,
      signal,
    );
    return { figures: figures?.figures ?? null, listed: listed.items };
  });
  return (
    <section aria-labelledby="drills-title">
      <Title order={2} size="h3" id="drills-title">
        Drills, apart
      </Title>
      <Loaded resource={drills} what="the drills">
        {({ figures, listed }) => (
          <>
            <Text size="sm">
              {listed.length === 0
                ? 'No drills in this range.'
                : `${listed.length} drill(s) since ${from}, ${listed.filter((d) => d.resolvedAt !== null).length} resolved.`}
            </Text>
            {figures && figures.length > 0 && (
              <FigureChart title="Drills per week" rows={rollUp(figures, 'periodStart')} keyLabel="Week of" />
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}
