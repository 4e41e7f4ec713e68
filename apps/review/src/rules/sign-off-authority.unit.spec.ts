import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Directory, parseDirectory } from '@incident/directory';
import { signOffRefusal } from './sign-off-authority';

const parsed = parseDirectory(
  readFileSync(join(__dirname, '../../../../config/directory.example.yaml'), 'utf8'),
  'directory.example.yaml',
);
const DIRECTORY = ('directory' in parsed ? parsed.directory : undefined) as Directory;

describe('signOffRefusal, with the example directory', () => {
  it('lets the team’s technical lead and project manager sign off in their roles', () => {
    expect(signOffRefusal(DIRECTORY, 'customer-success', 'technical_lead', 'alice')).toBeNull();
    expect(signOffRefusal(DIRECTORY, 'customer-success', 'project_manager', 'carol')).toBeNull();
  });

  it('refuses anyone else, naming the role and who holds it', () => {
    expect(signOffRefusal(DIRECTORY, 'customer-success', 'technical_lead', 'carol')).toBe(
      'only the technical lead of team customer-success (alice) may sign off as technical lead, not carol',
    );
  });

  it('refuses when the directory names nobody for the role, or the incident has no team', () => {
    expect(signOffRefusal(DIRECTORY, 'security', 'project_manager', 'frank')).toBe(
      'the directory names no project manager for team security',
    );
    expect(signOffRefusal(DIRECTORY, null, 'technical_lead', 'alice')).toBe(
      'the incident has no owning team, so no technical lead can sign off its review',
    );
  });
});
