import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatTriageRulesError, parseTriageRules } from './parse-triage-rules';
import { triageRulesDiff } from './triage-rules-diff';

const example = readFileSync(join(__dirname, '../../../../config/triage-rules.example.yaml'), 'utf8');

/** The example with one line replaced; returns the text and the (1-based) line that changed. */
function breakLine(find: string, replace: string): { text: string; line: number } {
  const lines = example.split('\n');
  const index = lines.findIndex((line) => line.includes(find));
  lines[index] = lines[index]!.replace(find, replace);
  return { text: lines.join('\n'), line: index + 1 };
}

const errorsOf = (text: string): string[] => {
  const parsed = parseTriageRules(text, 'rules.yaml');
  return 'errors' in parsed ? parsed.errors.map(formatTriageRulesError) : [];
};

const ruleSetOf = (text: string) => {
  const parsed = parseTriageRules(text, 'rules.yaml');
  if ('errors' in parsed) throw new Error(parsed.errors.map(formatTriageRulesError).join('\n'));
  return parsed.ruleSet;
};

describe('parseTriageRules', () => {
  it('accepts the committed example, in order, the default rule last, as no applied version', () => {
    const ruleSet = ruleSetOf(example);

    expect(ruleSet.version).toBeNull();
    expect(ruleSet.rules[0]?.id).toBe('drill');
    expect(ruleSet.rules.at(-1)).toMatchObject({ id: 'default', when: {} });
    expect(ruleSet.drillScenarios.map((s) => s.name)).toEqual(['database-outage', 'storefront-exploit']);
  });

  it('reads a plain label value as equality', () => {
    const ruleSet = ruleSetOf(example);

    expect(ruleSet.rules.find((r) => r.id === 'errors-from-test-workflow')?.when.labels).toEqual({
      workflow: { equals: 'test' },
    });
  });

  it('names the file, the line and the path of a category that does not exist', () => {
    const { text, line } = breakLine('category: [resources.exhausted]', 'category: [resources.exausted]');

    expect(errorsOf(text)).toEqual([
      `rules.yaml:${line} rules[10].when.category[0]: must be one of resources.underutilized, resources.exhausted, errors.high_rate, security.exploit, availability.downtime, defect.bug, none`,
    ]);
  });

  it('refuses a regular expression that does not compile, at its line', () => {
    const { text, line } = breakLine("regex: '^(staging|test|dev.*)$'", "regex: '^(staging'");

    expect(errorsOf(text)).toEqual([
      `rules.yaml:${line} rules[3].when.labels.environment.regex: Invalid regular expression: /^(staging/: Unterminated group`,
    ]);
  });

  it('refuses an unknown field (a typo is never an absent optional field)', () => {
    const { text, line } = breakLine('severityIfMissing: high', 'severityIfMisisng: high');

    expect(errorsOf(text)).toEqual([`rules.yaml:${line} rules[0].then.severityIfMisisng: unknown field`]);
  });

  it('refuses a rule set whose last rule is not a default', () => {
    const text = example.replace(
      '  - id: default\n    description: Everything else goes to infrastructure / customer success at normal severity.\n',
      '  - id: default\n    description: Everything else goes to infrastructure / customer success at normal severity.\n    when: { drill: false }\n',
    );

    expect(errorsOf(text)).toEqual([
      expect.stringMatching(
        /^rules\.yaml:\d+ rules\[13\]\.when: the last rule is the default: it must match every incident/,
      ),
    ]);
  });

  it('refuses two rules with one id, a rule without a team and an unknown time zone', () => {
    const text = example
      .replace('- id: errors-from-test-workflow', '- id: errors-from-staging')
      .replace('      team: security\n', '')
      .replace(
        '    when:\n      category: [availability.downtime]',
        '    when:\n      category: [availability.downtime]\n      time: { timeZone: Mars/Olympus }',
      );

    expect(errorsOf(text).map((error) => error.replace(/:\d+ /, ' '))).toEqual([
      'rules.yaml rules[4].id: duplicate rule id errors-from-staging',
      'rules.yaml rules[1].then.team: is required (a team, or the fallback of teamFrom: service)',
      'rules.yaml rules[12].when.time.timeZone: not an IANA time zone: Mars/Olympus',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(errorsOf('rules:\n  - id: a\n   description: x\n')).toEqual([expect.stringMatching(/^rules\.yaml:3 /)]);
  });
});

describe('triageRulesDiff', () => {
  const before = ruleSetOf(example);

  it('lists every rule and scenario as new when no version is in force', () => {
    expect(triageRulesDiff(undefined, before)).toContain('+ rule drill');
  });

  it('names a changed rule, a removed one, and a change of order', () => {
    const after = ruleSetOf(
      example
        .replace('      severity: urgent\n', '      severity: high\n')
        .replace(/ {2}- id: errors-from-test-workflow[\s\S]*?no action needed\n\n/, ''),
    );
    const reordered = { ...before, rules: [before.rules[1]!, before.rules[0]!, ...before.rules.slice(2)] };

    expect(triageRulesDiff(before, after)).toEqual(['- rule errors-from-test-workflow', '~ rule security-exploit']);
    expect(triageRulesDiff(before, reordered)).toEqual([expect.stringMatching(/^~ order security-exploit, drill, /)]);
    expect(triageRulesDiff(before, before)).toEqual([]);
  });
});
