import { INCIDENT_CATEGORIES, SEVERITIES, TRIAGE_FLAGS } from '@incident/domain';
import { SUBSCRIPTIONS } from '../directory';
import { boolean, type Finding, ID, integer, list, object, oneOf, type Rule, text } from '../schema/rules';
import { WEEKDAYS } from './triage-rule-set';

const RULE_ID = { pattern: /^[a-z0-9][a-z0-9.-]*$/, message: 'must be lower-case letters, digits, dots and dashes' };
const HH_MM = { pattern: /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, message: 'must be a time of day HH:mm' };

const some = (item: Rule): Rule => list(item, { min: 1 });
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A label's condition: a plain value (equality), `{ equals }`, `{ regex }` or `{ present }`: exactly one. */
const labelCondition: Rule = (value, path) => {
  if (typeof value === 'string') return [];
  if (!isRecord(value) || Object.keys(value).length !== 1) {
    return [{ path, message: 'must be a value, or one of { equals }, { regex }, { present }' }];
  }
  return object({ equals: text(), regex: text(), present: boolean }, ['equals', 'regex', 'present'])(value, path);
};

const labels: Rule = (value, path) => {
  if (!isRecord(value)) return [{ path, message: 'must be a mapping of label names to conditions' }];
  return Object.entries(value).flatMap(([name, condition]) => labelCondition(condition, [...path, name]));
};

const subscription: Rule = (value, path) =>
  isRecord(value) && Object.keys(value).length === 1
    ? object({ includes: oneOf(SUBSCRIPTIONS), lacks: oneOf(SUBSCRIPTIONS) }, ['includes', 'lacks'])(value, path)
    : [{ path, message: 'must be { includes: <subscription> } or { lacks: <subscription> }' }];

const CONDITIONS = {
  source: some(text()),
  labels,
  category: some(oneOf([...INCIDENT_CATEGORIES, 'none'])),
  severity: some(oneOf([...SEVERITIES, 'none'])),
  customer: some(text(ID)),
  service: some(text()),
  ticketKind: some(text()),
  drill: boolean,
  maintenanceWindow: boolean,
  subscription,
  time: object({ timeZone: text(), days: some(oneOf(WEEKDAYS)), from: text(HH_MM), until: text(HH_MM) }, [
    'days',
    'from',
    'until',
  ]),
  changeWithinMinutes: integer(1, 24 * 60),
  changeType: some(text()),
};

const OUTCOME = {
  category: oneOf(INCIDENT_CATEGORIES),
  categoryIfMissing: oneOf(INCIDENT_CATEGORIES),
  severity: oneOf(SEVERITIES),
  severityIfMissing: oneOf(SEVERITIES),
  teamFrom: oneOf(['service']),
  team: text(ID),
  disposition: oneOf(['no_action', 'return_to_customer']),
  downgrade: integer(0, SEVERITIES.length - 1),
  flags: list(oneOf(TRIAGE_FLAGS)),
  notifyCustomer: text(),
  reason: text(),
};

const rule = object(
  {
    id: text(RULE_ID),
    description: text(),
    when: object(CONDITIONS, Object.keys(CONDITIONS)),
    then: object(
      OUTCOME,
      Object.keys(OUTCOME).filter((key) => key !== 'reason'),
    ),
  },
  ['when'],
);

const scenario = object(
  {
    name: text(ID),
    title: text(),
    service: text(),
    customer: text(ID),
    category: oneOf(INCIDENT_CATEGORIES),
    severity: oneOf(SEVERITIES),
    labels: (value, path): Finding[] =>
      isRecord(value)
        ? Object.entries(value).flatMap(([k, v]) => text()(v, [...path, k]))
        : [{ path, message: 'must be a mapping' }],
  },
  ['labels'],
);

/** The whole file: the ordered rules, and the drill scenarios `POST /v1/drills` opens by name. */
export const triageRulesSchema: Rule = object(
  { rules: some(rule), drillScenarios: list(scenario), changeLookbackMinutes: integer(1, 24 * 60) },
  ['drillScenarios', 'changeLookbackMinutes'],
);
