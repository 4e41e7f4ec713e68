import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatConfigError } from '../yaml-config';
import { parseRunbooks } from './parse-runbooks';

const example = readFileSync(join(__dirname, '../../../../config/runbooks.example.yaml'), 'utf8');

/** The example with the first line containing `find` changed; returns the text and that (1-based) line. */
function breakLine(find: string, replace: string): { text: string; line: number } {
  const lines = example.split('\n');
  const index = lines.findIndex((line) => line.includes(find));
  lines[index] = lines[index]!.replace(find, replace);
  return { text: lines.join('\n'), line: index + 1 };
}

const errorsOf = (text: string): string[] => {
  const parsed = parseRunbooks(text, 'runbooks.yaml');
  return 'errors' in parsed ? parsed.errors.map(formatConfigError) : [];
};

describe('parseRunbooks', () => {
  it('accepts the committed example: a runbook per category, executors, not an applied version', () => {
    const parsed = parseRunbooks(example, 'runbooks.yaml');
    if ('errors' in parsed) throw new Error(parsed.errors.map(formatConfigError).join('\n'));
    const set = parsed.runbookSet;

    expect(set.version).toBeNull();
    expect(set.approvalValidHours).toBe(24);
    expect(new Set(set.runbooks.map((runbook) => runbook.category)).size).toBe(6);
    expect(set.executors['scaler']).toMatchObject({ kind: 'command', program: '/usr/local/bin/ops-scale' });
    expect(set.executors['deployer']).toMatchObject({ kind: 'webhook', timeoutSeconds: 30 });
    expect(set.runbooks.find((runbook) => runbook.id === 'exhausted-database-resize')?.service).toBe('acme-postgres');
  });

  it('names the file, line and path of a step with an unknown kind', () => {
    const { text, line } = breakLine('kind: manual', 'kind: manuel');

    expect(errorsOf(text)).toEqual([
      `runbooks.yaml:${line} runbooks[0].steps[1].kind: must be one of automated, manual, notify, approval`,
    ]);
  });

  it('refuses a step naming an executor that is not defined', () => {
    const { text, line } = breakLine('executor: deployer', 'executor: deploy-bot');

    expect(errorsOf(text)).toEqual([
      `runbooks.yaml:${line} runbooks[3].steps[2].executor: no executor named deploy-bot`,
    ]);
  });

  it('refuses a scaling step without its figures, and figures on a step that does not scale', () => {
    const noCost = example.replace('        unitMonthlyCost: { amount: 250, currency: EUR }\n', '');
    const { text: restartBy } = breakLine('executor: restarter', 'executor: restarter\n        by: 2');

    expect(errorsOf(noCost)).toEqual([
      expect.stringMatching(
        /^runbooks\.yaml:\d+ runbooks\[1\]\.steps\[0\]\.unitMonthlyCost: is required for scale_up$/,
      ),
    ]);
    expect(errorsOf(restartBy)).toEqual([
      expect.stringMatching(/runbooks\[4\]\.steps\[0\]\.by: only for scale_up and scale_down$/),
    ]);
  });

  it('refuses a command executor that is not an absolute path, or an unknown placeholder', () => {
    const { text: relative } = breakLine('program: /usr/local/bin/ops-scale', 'program: ops-scale; rm -rf /');
    const { text: placeholder, line } = breakLine("args: ['{service}']", "args: ['{hostname}']");

    expect(errorsOf(relative)).toEqual([
      expect.stringMatching(/executors\.scaler\.program: must be an absolute path \(no shell, no PATH lookup\)$/),
    ]);
    expect(errorsOf(placeholder)).toEqual([
      expect.stringContaining(`runbooks.yaml:${line} executors.restarter.args[0]: unknown placeholder {hostname}`),
    ]);
  });

  it('refuses an unknown field, a duplicate step id and a YAML syntax error, each at its line', () => {
    const { text: typo, line: typoLine } = breakLine('onFailure: { retries: 1, then: page }', 'onfailure: 1');
    const { text: twice } = breakLine('id: check-load', 'id: scale-up');
    const { text: broken } = breakLine('approvalValidHours: 24', 'approvalValidHours: [24');

    expect(errorsOf(typo)).toEqual([`runbooks.yaml:${typoLine} runbooks[0].steps[0].onfailure: unknown field`]);
    expect(errorsOf(twice)).toEqual([
      expect.stringMatching(/runbooks\[0\]\.steps\[1\]\.id: duplicate step id scale-up$/),
    ]);
    // The yaml package reports a flow sequence left open where it finds out, a few lines on.
    expect(errorsOf(broken)[0]).toMatch(/^runbooks\.yaml:\d+ Flow sequence in block collection/);
  });
});
