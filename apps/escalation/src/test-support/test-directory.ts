import { randomUUID } from 'node:crypto';
import { DirectoryVersions, TriageRuleVersions } from '@incident/directory';
import type { EventStore } from '@incident/event-store';

export interface TestPerson {
  readonly id: string;
  readonly contacts: readonly { readonly kind: 'email' | 'webhook'; readonly address: string }[];
}

/**
 * A directory for escalation suites: customer acme, service checkout-api owned by team `infrastructure`, whose
 * policy pages one person per level, `delaySeconds` apart (fractions of a minute are allowed for tests).
 */
export function testDirectoryYaml(
  people: readonly TestPerson[],
  options: { delaySeconds: number; repeats?: number; drillParticipants?: readonly string[] },
): string {
  const minutes = options.delaySeconds / 60;
  const person = ({ id, contacts }: TestPerson) =>
    `  - id: ${id}\n    name: ${id}\n    contactMethods:\n` +
    contacts.map((contact) => `      - { kind: ${contact.kind}, address: '${contact.address}' }`).join('\n');
  const level = ({ id }: TestPerson, index: number) =>
    `      - delayMinutes: ${index === 0 ? 0 : minutes}\n        targets: [{ kind: person, id: ${id} }]`;
  return `customers:
  - id: acme
    name: Acme
    subscriptions: [infrastructure]
    contacts: [{ name: Dana, email: dana@acme.example, approvesCostChanges: true }]
    approvalThresholdPerMonth: { amount: 200, currency: EUR }
    preApprovedHoursPerMonth: 10
teams:
  - id: infrastructure
    name: Infrastructure
    members: [${people.map(({ id }) => id).join(', ')}]
    drillParticipants: [${(options.drillParticipants ?? []).join(', ')}]
people:
${people.map(person).join('\n')}
services:
  - id: checkout-api
    customer: acme
    ownerTeam: infrastructure
    runbook: https://runbooks.example/checkout
    autoscale: { minSize: 1, maxSize: 4, maxMonthlyCostStep: { amount: 100, currency: EUR } }
escalationPolicies:
  - id: infrastructure
    name: Infrastructure
    levels:
${people.map(level).join('\n')}
    repeats: ${options.repeats ?? 0}
sla:
  critical: { acknowledgeWithinMinutes: 5, resolveWithinMinutes: 240, customerUpdateEveryMinutes: 30 }
  high: { acknowledgeWithinMinutes: 15, resolveWithinMinutes: 480, customerUpdateEveryMinutes: 60 }
  medium: { acknowledgeWithinMinutes: 60, resolveWithinMinutes: 1440, customerUpdateEveryMinutes: 240 }
  low: { acknowledgeWithinMinutes: 240, resolveWithinMinutes: 4320, customerUpdateEveryMinutes: 1440 }
`;
}

export async function applyTestDirectory(store: EventStore, yaml: string): Promise<void> {
  const outcome = await new DirectoryVersions(store).apply(yaml, 'test-directory.yaml', {
    actor: { kind: 'user', id: 'test' },
    correlationId: randomUUID(),
    occurredAt: new Date().toISOString(),
  });
  if ('errors' in outcome) throw new Error(`test directory invalid: ${JSON.stringify(outcome.errors)}`);
}

/** Triage's rules for these suites: every incident to its service's owner team, high when it has no severity. */
const TRIAGE_RULES = `rules:
  - id: route-by-service
    description: Every incident goes to its service's owner team.
    then:
      teamFrom: service
      team: infrastructure
      severityIfMissing: high
      reason: routed to the service's owner team
`;

export async function applyTestTriageRules(store: EventStore): Promise<void> {
  const outcome = await new TriageRuleVersions(store).apply(TRIAGE_RULES, 'triage-rules.yaml', {
    actor: { kind: 'user', id: 'test' },
    correlationId: randomUUID(),
    occurredAt: new Date().toISOString(),
  });
  if ('errors' in outcome) throw new Error(`test triage rules invalid: ${JSON.stringify(outcome.errors)}`);
}

/** The one-click links in an e-mail, quoted-printable soft breaks and escapes undone. */
export function linksInMail(raw: string): string[] {
  const decoded = raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return [...new Set(decoded.match(/https?:\/\/[^\s"<>]+\/v1\/links\/[A-Za-z0-9._~%-]+/g) ?? [])];
}
