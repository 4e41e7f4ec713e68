import { Group, MultiSelect, Select, TextInput } from '@mantine/core';
import { INCIDENT_CATEGORIES, INCIDENT_STATUSES, SEVERITIES } from '@incident/domain';
import { words } from '../../format';
import type { IncidentFilters } from './incident-filters';

const options = (values: readonly string[]) => values.map((value) => ({ value, label: words(value) }));
const STATUS_OPTIONS = options(INCIDENT_STATUSES.filter((status) => status !== 'initial'));

export function IncidentFiltersForm({
  filters,
  onChange,
}: {
  readonly filters: IncidentFilters;
  readonly onChange: (filters: IncidentFilters) => void;
}) {
  const set = <K extends keyof IncidentFilters>(key: K, value: IncidentFilters[K]) =>
    onChange({ ...filters, [key]: value });
  return (
    <Group align="flex-end" gap="sm" role="search" aria-label="Filter incidents">
      <MultiSelect
        label="Status"
        data={STATUS_OPTIONS}
        value={[...filters.statuses]}
        onChange={(value) => set('statuses', value)}
        clearable
        placeholder="any"
        w={220}
      />
      <MultiSelect
        label="Severity"
        data={options(SEVERITIES)}
        value={[...filters.severities]}
        onChange={(value) => set('severities', value)}
        clearable
        placeholder="any"
        w={180}
      />
      <MultiSelect
        label="Category"
        data={options(INCIDENT_CATEGORIES)}
        value={[...filters.categories]}
        onChange={(value) => set('categories', value)}
        clearable
        placeholder="any"
        w={220}
      />
      <TextInput label="Team" value={filters.team} onChange={(e) => set('team', e.currentTarget.value)} w={140} />
      <TextInput
        label="Customer"
        value={filters.customer}
        onChange={(e) => set('customer', e.currentTarget.value)}
        w={140}
      />
      <TextInput
        label="Assignee"
        value={filters.assignee}
        onChange={(e) => set('assignee', e.currentTarget.value)}
        w={140}
      />
      <Select
        label="Drills"
        data={[
          { value: 'all', label: 'Drills and real' },
          { value: 'real', label: 'Real incidents only' },
          { value: 'drill', label: 'Drills only' },
        ]}
        value={filters.drill}
        onChange={(value) => set('drill', (value ?? 'all') as IncidentFilters['drill'])}
        allowDeselect={false}
        w={180}
      />
    </Group>
  );
}
