import type { Finding } from '../schema/rules';
import { type ConfigError, parseYamlConfig } from '../yaml-config';
import type { ReviewPolicy, ReviewRule } from './review-policy';
import { reviewPolicySchema } from './review-policy.schema';

export type ParsedReviewPolicy = { readonly policy: ReviewPolicy } | { readonly errors: readonly ConfigError[] };

type RawPolicy = Omit<ReviewPolicy, 'version'>;

function findings(raw: RawPolicy): Finding[] {
  const seen = new Set<string>();
  return raw.rules.flatMap((rule: ReviewRule, index) => {
    const found: Finding[] = [];
    if (seen.has(rule.id)) found.push({ path: ['rules', index, 'id'], message: `duplicate rule id ${rule.id}` });
    seen.add(rule.id);
    // A rule without conditions would require a review of every incident: say so in the file, not by accident.
    if (Object.keys(rule.when).length === 0) {
      found.push({ path: ['rules', index, 'when'], message: 'must name at least one condition' });
    }
    return found;
  });
}

/** review-policy.yaml → a typed ReviewPolicy (version 0 until applied), or every error with file, line and path. */
export function parseReviewPolicy(text: string, fileName: string): ParsedReviewPolicy {
  const parsed = parseYamlConfig<ReviewPolicy>(text, fileName, reviewPolicySchema, (value) => {
    const raw = value as unknown as RawPolicy;
    const found = findings(raw);
    return found.length > 0 ? found : { value: { version: 0, ...raw } };
  });
  return 'errors' in parsed ? parsed : { policy: parsed.value };
}
