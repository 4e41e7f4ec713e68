import type { ReviewWaiverRole } from '@incident/directory';
import type { ReviewNeed } from './review-needed';

/** Where the rule came from, in words: "review policy v3 (rule urgent-or-high)" or, before any, the default. */
const ruleInForce = (need: ReviewNeed): string => {
  const policy =
    need.policyVersion === 0 ? 'the default review policy (none applied)' : `review policy v${need.policyVersion}`;
  return need.ruleId === null ? policy : `${policy} (rule ${need.ruleId})`;
};

/**
 * Pure: whether a caller holding `roles` may waive the review `need` asks for: one of their roles must be among
 * the policy's `waivableBy` for that review. `admin` may do whatever the other roles may (as everywhere on the
 * platform), so it waives what responders may waive; an empty `waivableBy` lets nobody waive, admin included.
 * `null` when they may, or when there is nothing for the policy to say (never resolved, no review required: the
 * domain then refuses with 409); else why not, naming the roles that may (the HTTP layer answers 403 with it).
 */
export function waiverRefusal(need: ReviewNeed | null, roles: readonly string[]): string | null {
  if (need === null || !need.required) return null;
  const { waivableBy } = need;
  if (waivableBy.length === 0) return `under ${ruleInForce(need)} this review may not be waived`;
  const held = (role: ReviewWaiverRole) => roles.includes(role) || roles.includes('admin');
  if (waivableBy.some(held)) return null;
  const who = waivableBy.length === 1 ? `the role ${waivableBy[0]}` : `the roles ${waivableBy.join(' or ')}`;
  return `under ${ruleInForce(need)} only ${who} may waive this review, not ${roles.join(', ') || 'no role'}`;
}
