import { Card, Table, Text, Title } from '@mantine/core';
import { Bar, CartesianGrid, Legend, Line, ComposedChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Rollup } from './metrics-rollup';

// No animation anywhere: the bars stand at their values at once, for screenshots and for readers who turned
// motion off alike.
// Dark enough on white for 3:1 (graphics) and told apart by more than hue: bars against a line.
const MTTA = '#1864ab';
const MTTR = '#862e9c';
const SLA = '#2b8a3e';
const REVIEW = '#5c3d00';

/**
 * A chart of MTTA, MTTR and time to review where known (bars, minutes) and SLA compliance where counted (line,
 * percent), with its figures as a table.
 */
export function FigureChart({
  title,
  rows,
  keyLabel,
}: {
  readonly title: string;
  readonly rows: readonly Rollup[];
  readonly keyLabel: string;
}) {
  const withReview = rows.some((row) => row.timeToReviewMinutes !== null);
  const withCompliance = rows.some((row) => row.slaCompliancePercent !== null);
  const id = `chart-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <Card withBorder component="figure" aria-labelledby={id} m={0}>
      <Title order={2} size="h4" id={id}>
        {title}
      </Title>
      <div style={{ width: '100%', height: 260 }} aria-hidden>
        <ResponsiveContainer>
          <ComposedChart data={[...rows]} margin={{ top: 10, right: 10, left: 0, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="key" />
            <YAxis yAxisId="minutes" width={56} />
            <YAxis yAxisId="percent" orientation="right" domain={[0, 100]} unit="%" />
            <Tooltip />
            <Legend />
            <Bar yAxisId="minutes" dataKey="mttaMinutes" name="MTTA (min)" fill={MTTA} isAnimationActive={false} />
            <Bar yAxisId="minutes" dataKey="mttrMinutes" name="MTTR (min)" fill={MTTR} isAnimationActive={false} />
            {withReview && (
              <Bar
                yAxisId="minutes"
                dataKey="timeToReviewMinutes"
                name="Time to review (min)"
                fill={REVIEW}
                isAnimationActive={false}
              />
            )}
            {withCompliance && (
              <Line
                yAxisId="percent"
                dataKey="slaCompliancePercent"
                name="SLA compliance (%)"
                stroke={SLA}
                strokeWidth={2}
                isAnimationActive={false}
              />
            )}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <details>
        <summary>
          <Text span size="sm">
            The figures as a table
          </Text>
        </summary>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{keyLabel}</Table.Th>
              <Table.Th scope="col">Incidents</Table.Th>
              <Table.Th scope="col">MTTA (min)</Table.Th>
              <Table.Th scope="col">MTTR (min)</Table.Th>
              <Table.Th scope="col">Time to review (min)</Table.Th>
              <Table.Th scope="col">SLA compliance</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.key}>
                <Table.Td>{row.key}</Table.Td>
                <Table.Td>{row.incidents}</Table.Td>
                <Table.Td>{row.mttaMinutes ?? '—'}</Table.Td>
                <Table.Td>{row.mttrMinutes ?? '—'}</Table.Td>
                <Table.Td>{row.timeToReviewMinutes ?? '—'}</Table.Td>
                <Table.Td>{row.slaCompliancePercent === null ? '—' : `${row.slaCompliancePercent}%`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </details>
    </Card>
  );
}
