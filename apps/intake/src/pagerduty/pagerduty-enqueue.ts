import { randomUUID } from 'node:crypto';
import { PagerDutyEventDto } from '@incident/contracts';
import { validateBody } from '../http/validate-body';
import type { IntakeGateway } from '../ingest/intake-gateway';
import { pagerDutySignal } from './pagerduty-signal';
import { requestCorrelationId } from '../http/request-correlation';

export interface EnqueueAnswer {
  readonly status: 'success';
  readonly message: 'Event processed';
  readonly dedup_key: string;
}

/**
 * What `POST /v2/enqueue` does with a parsed body, whichever way the request came in (the controller, or the fast
 * path that serves the same route under load, `http/enqueue-fast-path.ts`): 400 for a bad event, 401/403/429 from
 * the gateway, and the answer only once the alert's events are durable.
 */
export async function enqueuePagerDutyEvent(intake: IntakeGateway, body: unknown): Promise<EnqueueAnswer> {
  const event = await validateBody(PagerDutyEventDto, body);
  const integration = await intake.admit(event.routing_key);
  const dedupKey = event.dedup_key ?? randomUUID().replaceAll('-', '');
  await intake.route([pagerDutySignal(event, dedupKey, integration, requestCorrelationId())]);
  return { status: 'success', message: 'Event processed', dedup_key: dedupKey };
}
