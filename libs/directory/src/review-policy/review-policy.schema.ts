import { INCIDENT_CATEGORIES, SEVERITIES } from '@incident/domain';
import { boolean, ID, integer, list, object, oneOf, type Rule, text } from '../schema/rules';
import { REMINDER_OFFSET, REVIEW_WAIVER_ROLES } from './review-policy';

const some = (item: Rule): Rule => list(item, { min: 1 });
const waivableBy = list(oneOf(REVIEW_WAIVER_ROLES));

const conditions = object(
  {
    severity: some(oneOf(SEVERITIES)),
    category: some(oneOf(INCIDENT_CATEGORIES)),
    slaBreached: boolean,
    reopenedAtLeast: integer(1),
    flaggedByResponder: boolean,
  },
  ['severity', 'category', 'slaBreached', 'reopenedAtLeast', 'flaggedByResponder'],
);

const rule = object(
  {
    id: text(ID),
    reason: text(),
    when: conditions,
    dueWithinDays: integer(1, 365),
    waivableBy,
    notifyCustomer: boolean,
    closeWhenActionItemsDone: boolean,
  },
  ['notifyCustomer', 'closeWhenActionItemsDone'],
);

/** The shape of review-policy.yaml; the parser adds what a shape cannot say (unique ids, conditions present). */
export const reviewPolicySchema: Rule = object(
  {
    responderFlagLabel: text(),
    rules: list(rule),
    drills: object({ dueWithinDays: integer(1, 365), waivableBy, closeWhenActionItemsDone: boolean }, [
      'closeWhenActionItemsDone',
    ]),
    actionItems: object(
      { remindBefore: list(text({ pattern: REMINDER_OFFSET, message: 'must be like 2d, 1h, 30m or 45s' })) },
      ['remindBefore'],
    ),
  },
  ['actionItems'],
);
