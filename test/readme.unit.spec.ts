import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLATFORM_VARIABLES, SERVICES, portVariable, type Variable } from '@incident/platform';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

const cells = (line: string) =>
  line
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());

/** The apps' variable table: the first `| variable | default | meaning |` table, row by row. */
function appVariableRows(): Map<string, string> {
  const lines = readme.split('\n');
  const header = lines.findIndex((line) => /^\|\s*variable\s*\|\s*default\s*\|\s*meaning\s*\|/.test(line));
  const rows = new Map<string, string>();
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const [name, defaultText] = cells(line);
    rows.set(name!.replace(/`/g, ''), defaultText!);
  }
  return rows;
}

/** How the README writes a variable's default. */
function documentedDefault(spec: Variable<unknown>): string {
  if (spec.default === '') return 'empty';
  if (spec.default !== undefined) return `\`${spec.default}\``;
  return spec.optional ? 'unset' : '— (required)';
}

describe('README', () => {
  it('has one row per variable the apps read, with its default, and no row for one they no longer read', () => {
    const expected = new Map<string, string>([
      ...Object.values(PLATFORM_VARIABLES).map((spec): [string, string] => [spec.name, documentedDefault(spec)]),
      // The port variables' defaults live in the service catalogue.
      ...SERVICES.map((service): [string, string] => [portVariable(service.name), `\`${service.port}\``]),
    ]);
    expect(Object.fromEntries(appVariableRows())).toEqual(Object.fromEntries(expected));
  });

  it('lists every service with its default port', () => {
    const missing = SERVICES.filter(
      (service) => !new RegExp(`\\| \`${service.name}\`\\s+\\| ${service.port} `).test(readme),
    );
    expect(missing.map((service) => service.name)).toEqual([]);
  });

  it('shows the two commands of the quick start', () => {
    expect(readme).toMatch(/npm start/);
    expect(readme).toMatch(/npm test/);
  });
});
