import { type ChangeRecorded, DEFAULT_CHANGE_TYPE } from '@incident/domain';
import type { ChangeDto, ChangeLinkDto, Integration, PagerDutyChangeEventDto } from '@incident/contracts';
import { textOr } from '../ingest/alert-signal';

type ChangeData = ChangeRecorded['data'];

const links = (given: readonly ChangeLinkDto[] | undefined): ChangeData['links'] =>
  (given ?? []).map((link) => ({ href: link.href, text: link.text?.trim() || null }));

/** Free text from publishers: lower-cased, so a rule's `changeType: [deploy]` matches `Deploy` too. */
const changeTypeOf = (value: unknown): string =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase().slice(0, 64) : DEFAULT_CHANGE_TYPE;

/** A publisher's timestamp as UTC ISO, so the read model and the rules compare like with like. */
const instant = (value: string | undefined, receivedAt: Date): string =>
  value === undefined ? receivedAt.toISOString() : new Date(value).toISOString();

/**
 * A PagerDuty change event as the change it records. PagerDuty has no field for the kind of change, so the
 * convention of its CI integrations is read from `custom_details` (`change_type`, else `type`); a customer of
 * every-customer integration (`*`) is named in `custom_details.customer`, as on triggers.
 */
export function pagerDutyChange(
  event: PagerDutyChangeEventDto,
  integration: Integration,
  changeId: string,
  receivedAt: Date,
): ChangeData {
  const details = event.payload.custom_details ?? {};
  const customer = typeof details['customer'] === 'string' ? details['customer'] : undefined;
  return {
    changeId,
    integrationId: integration.id,
    customerId: integration.customerId === '*' ? textOr(customer, 'unknown') : integration.customerId,
    service: integration.service,
    changeType: changeTypeOf(details['change_type'] ?? details['type']),
    summary: event.payload.summary.trim(),
    source: textOr(event.payload.source, integration.source, 255),
    occurredAt: instant(event.payload.timestamp, receivedAt),
    details,
    links: links(event.links),
  };
}

/** A change in the platform's own format (`POST /v1/changes`). */
export function genericChange(
  body: ChangeDto,
  integration: Integration,
  changeId: string,
  receivedAt: Date,
): ChangeData {
  return {
    changeId,
    integrationId: integration.id,
    customerId: integration.customerId === '*' ? textOr(body.customer, 'unknown') : integration.customerId,
    service: textOr(body.service, integration.service, 255),
    changeType: changeTypeOf(body.type),
    summary: body.summary.trim(),
    source: textOr(body.source, integration.source, 255),
    occurredAt: instant(body.occurredAt, receivedAt),
    details: body.details ?? {},
    links: links(body.links),
  };
}
