import {
  BadRequestException,
  ConflictException,
  Controller,
  Headers,
  HttpCode,
  Inject,
  Post,
  Req,
  UnauthorizedException,
  ValidationPipe,
} from '@nestjs/common';
import type { IncidentCommand } from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import { IDEMPOTENCY_KEY_HEADER, SIGNATURE_HEADER, verifyWebhookSignature } from '@incident/notify';
import { Public } from '@incident/platform';
import { idempotencyKeyOf } from '../executors/executor';
import { IncidentFacts } from '../incident-facts';
import { REMEDIATION_CONFIG, type RemediationConfig } from '../remediation.config';
import { decisionOf, failurePolicyOf, nextAttempt } from '../rules/next-attempt';
import { REMEDIATION_ACTOR_ID } from '../rules/proposal-commands';
import { RunbookSetSource } from '../runbook-set.source';
import { ExecutorCallbackDto } from './executor-callback.dto';

const validation = new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true });

/**
 * Where a webhook executor that answered 202 reports the attempt's result. Public: the HMAC over the exact body
 * with the executor secret (`X-Incident-Signature`, as the requests to executors are signed) is the credential,
 * checked before anything is read; a bad one is 401 and nothing is recorded. The `Idempotency-Key` must be the
 * attempt's own key. The record is caused by that key, so a callback sent twice records once (`duplicate`); a
 * callback for an attempt no longer under way (a later one runs, or it was decided) is 409.
 */
@Public()
// A literal (equal to EXECUTOR_CALLBACK_PATH) so route readers such as the console's route table see it.
@Controller('v1/executor-callbacks')
export class ExecutorCallbacksController {
  constructor(
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(RunbookSetSource) private readonly runbooks: RunbookSetSource,
    @Inject(REMEDIATION_CONFIG) private readonly config: RemediationConfig,
  ) {}

  @Post()
  @HttpCode(200)
  async report(
    @Req() request: { body?: unknown },
    @Headers(SIGNATURE_HEADER.toLowerCase()) signature: string | undefined,
    @Headers(IDEMPOTENCY_KEY_HEADER.toLowerCase()) key: string | undefined,
  ) {
    const raw = typeof request.body === 'string' ? request.body : '';
    const check = verifyWebhookSignature(this.config.executorSecret, signature, raw, new Date());
    if (!check.valid) throw new UnauthorizedException(check.reason);
    const dto = (await validation.transform(parse(raw), {
      type: 'body',
      metatype: ExecutorCallbackDto,
    })) as ExecutorCallbackDto;
    const { incidentId, remediationId, attempt } = dto;
    if (key !== idempotencyKeyOf(incidentId, remediationId, attempt)) {
      throw new BadRequestException(`${IDEMPOTENCY_KEY_HEADER} must be the key of the attempt it reports`);
    }
    if (dto.outcome === 'failed' && dto.reason === undefined) throw new BadRequestException('reason: required');
    const causationId = `executor-callback:${key}`;
    const { state, history } = await this.incidents.of(incidentId);
    const reported = history.some(
      (event) => (event as { metadata?: { causationId?: string } }).metadata?.causationId === causationId,
    );
    const set = (await this.runbooks.current())?.set;
    const next = nextAttempt(state, history, remediationId, (decision) => failurePolicyOf(set, decision));
    if (!reported && next?.attempt !== attempt) {
      throw new ConflictException(`attempt ${attempt} of ${remediationId} is not the one under way`);
    }
    const outcome = await this.commands.execute(commandFor(dto, new Date().toISOString()), {
      actor: { kind: 'integration', id: `executor:${decisionOf(history, remediationId)?.executor ?? 'unknown'}` },
      correlationId: key,
      causationId,
    });
    return { events: outcome.events.map((event) => event.type), duplicate: outcome.duplicate };
  }
}

function parse(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new BadRequestException('the body is not JSON');
  }
}

function commandFor(dto: ExecutorCallbackDto, at: string): IncidentCommand {
  const { incidentId, remediationId } = dto;
  const output = dto.output === undefined || dto.output.trim() === '' ? {} : { output: dto.output };
  if (dto.outcome === 'executed') {
    return {
      type: 'ExecuteRemediation',
      data: { incidentId, remediationId, executedBy: REMEDIATION_ACTOR_ID, ...output, executedAt: at },
    };
  }
  return {
    type: 'RecordRemediationFailure',
    data: { incidentId, remediationId, reason: dto.reason ?? 'failed', ...output, failedAt: at },
  };
}
