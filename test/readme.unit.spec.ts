import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICES, allVariableNames } from '@incident/platform';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

describe('README', () => {
  it('documents every environment variable the apps read, in its table', () => {
    const undocumented = allVariableNames().filter((name) => !readme.includes(`| \`${name}\``));
    expect(undocumented).toEqual([]);
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
