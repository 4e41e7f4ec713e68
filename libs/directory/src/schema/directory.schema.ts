import { CONTACT_KINDS, SEVERITIES, SUBSCRIPTIONS } from '../directory';
import {
  boolean,
  CURRENCY,
  EMAIL,
  ID,
  instant,
  integer,
  list,
  object,
  oneOf,
  positiveNumber,
  type Rule,
  text,
  ROUTING_KEY,
  URL_PATTERN,
} from './rules';

const id = text(ID);
const money = object({ amount: positiveNumber, currency: text(CURRENCY) });

/**
 * The contact method's address depends on its kind: an e-mail address, a URL for webhook and phone gateway, or
 * a PagerDuty routing key.
 */
const contactMethod: Rule = (value, path) => {
  const findings = object({ kind: oneOf(CONTACT_KINDS), address: text() })(value, path);
  if (findings.length > 0) return findings;
  const { kind, address } = value as { kind: string; address: unknown };
  const pattern = kind === 'email' ? EMAIL : kind === 'pagerduty' ? ROUTING_KEY : URL_PATTERN;
  return text(pattern)(address, [...path, 'address']);
};

const customer = object(
  {
    id,
    name: text(),
    subscriptions: list(oneOf(SUBSCRIPTIONS), { min: 1 }),
    contacts: list(object({ name: text(), email: text(EMAIL), approvesCostChanges: boolean }), { min: 1 }),
    approvalThresholdPerMonth: money,
    preApprovedHoursPerMonth: positiveNumber,
    availabilityNotifications: list(text(EMAIL)),
    availabilityWebhooks: list(text(URL_PATTERN)),
  },
  ['availabilityNotifications', 'availabilityWebhooks'],
);

const schedule = object(
  {
    id,
    name: text(),
    timeZone: text(),
    layers: list(
      object({
        name: text(),
        rotationDays: integer(1, 366),
        handOffTime: text({ pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: 'must be a time of day HH:mm' }),
        startsOn: text({ pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'must be a date yyyy-MM-dd' }),
        members: list(id, { min: 1 }),
      }),
      { min: 1 },
    ),
    overrides: list(object({ person: id, from: instant, until: instant })),
  },
  ['overrides'],
);

const slaTarget = object({
  acknowledgeWithinMinutes: integer(1),
  resolveWithinMinutes: integer(1),
  customerUpdateEveryMinutes: integer(1),
});

/** The whole file. Optional lists default to empty in parseDirectory. */
export const directorySchema: Rule = object(
  {
    customers: list(customer),
    teams: list(
      object(
        {
          id,
          name: text(),
          members: list(id),
          escalationPolicy: id,
          drillParticipants: list(id),
          techLead: id,
          projectManager: id,
        },
        ['escalationPolicy', 'drillParticipants', 'techLead', 'projectManager'],
      ),
    ),
    people: list(object({ id, name: text(), contactMethods: list(contactMethod, { min: 1 }) })),
    services: list(
      object({
        id,
        customer: id,
        ownerTeam: id,
        runbook: text(URL_PATTERN),
        autoscale: object({ minSize: integer(0), maxSize: integer(1), maxMonthlyCostStep: money }),
      }),
    ),
    schedules: list(schedule),
    escalationPolicies: list(
      object({
        id,
        name: text(),
        levels: list(
          object({
            delayMinutes: positiveNumber,
            targets: list(object({ kind: oneOf(['schedule', 'person', 'team']), id }), { min: 1 }),
          }),
          { min: 1 },
        ),
        repeats: integer(0, 10),
      }),
    ),
    sla: object(Object.fromEntries(SEVERITIES.map((severity) => [severity, slaTarget]))),
    maintenanceWindows: list(
      object({ id, customer: id, services: list(id), from: instant, until: instant, reason: text() }),
    ),
  },
  ['maintenanceWindows', 'schedules'],
);
