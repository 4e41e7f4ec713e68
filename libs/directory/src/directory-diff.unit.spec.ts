import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Directory } from './directory';
import { directoryDiff } from './directory-diff';
import { parseDirectory } from './parse-directory';

const example = readFileSync(join(__dirname, '../../../config/directory.example.yaml'), 'utf8');
const parse = (text: string): Directory => {
  const parsed = parseDirectory(text, 'directory.yaml');
  if ('errors' in parsed) throw new Error(parsed.errors[0]?.message);
  return parsed.directory;
};

describe('directoryDiff', () => {
  const before = parse(example);

  it('finds nothing between a version and itself', () => {
    expect(directoryDiff(before, parse(example))).toEqual([]);
  });

  it('names what was added, removed and changed, by section and id', () => {
    const after = parse(
      example
        .replace('preApprovedHoursPerMonth: 40', 'preApprovedHoursPerMonth: 60')
        .replace('critical: { acknowledgeWithinMinutes: 5', 'critical: { acknowledgeWithinMinutes: 3')
        .replace(/maintenanceWindows:[\s\S]*$/, 'maintenanceWindows: []\n'),
    );

    expect(directoryDiff(before, after)).toEqual([
      '~ customers globex',
      '- maintenanceWindows acme-pg-upgrade',
      '~ sla critical',
    ]);
  });

  it('lists everything as new when no version is in force', () => {
    const changes = directoryDiff(undefined, before);

    expect(changes).toContain('+ customers acme');
    expect(changes).toHaveLength(3 + 4 + 7 + 4 + 3 + 4 + 1);
  });
});
