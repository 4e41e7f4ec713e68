import { Controller, Get, Header, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { IllegalTransitionError, type IncidentCommand } from '@incident/domain';
import { IncidentCommandHandler, StreamNotFound } from '@incident/event-store';
import { type LinkCheck, type LinkClaims, OneClickLinks } from '@incident/notify';
import { Public } from '@incident/platform';
import { confirmationPage, type DecisionAction, donePage, refusedPage } from './link-pages';

/** Refusals a person can act on: a used or expired link is gone (410); an altered or truncated one is bad (400). */
const REFUSAL_STATUS = { used: 410, expired: 410, altered: 400, malformed: 400 } as const;

/**
 * The approve / reject links of an approval request. Public: the signed, expiring, single-use token is the
 * credential, and it only lets the contact it was sent to decide the remediation it names. GET shows what the
 * link will do; POST spends the token and decides, as that contact (the approval event names them).
 */
@Public()
@Controller('v1/links')
export class LinksController {
  constructor(
    @Inject(OneClickLinks) private readonly links: OneClickLinks,
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
  ) {}

  @Get(':token')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async show(@Param('token') token: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const claims = this.usable(await this.links.inspect(token, new Date()), response);
    if (typeof claims === 'string') return claims;
    return confirmationPage(claims.action as DecisionAction, claims.subject, claims.person);
  }

  @Post(':token')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async decide(@Param('token') token: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const now = new Date();
    const claims = this.usable(await this.links.redeem(token, now), response);
    if (typeof claims === 'string') return claims;
    try {
      await this.commands.execute(commandFor(claims, now.toISOString()), {
        actor: { kind: 'user', id: claims.person },
        correlationId: claims.tokenId,
        causationId: `link:${claims.tokenId}`,
      });
    } catch (error) {
      if (!(error instanceof IllegalTransitionError) && !(error instanceof StreamNotFound)) throw error;
      response.status(409);
      return refusedPage(`The remediation could not be decided: ${error.message}`);
    }
    response.status(200);
    return donePage(claims.action as DecisionAction, claims.subject, claims.person);
  }

  private usable(check: LinkCheck, response: Response): LinkClaims | string {
    if (!check.ok) {
      response.status(REFUSAL_STATUS[check.reason]);
      return refusedPage(check.message);
    }
    if (check.claims.action !== 'approve' && check.claims.action !== 'reject') {
      response.status(400);
      return refusedPage('This link is not for an approval.');
    }
    return check.claims;
  }
}

/** The link's claims say who decides (the contact the request named) and which remediation. */
function commandFor(claims: LinkClaims, at: string): IncidentCommand {
  const { incidentId, subject: remediationId, person } = claims;
  const by = { id: person, roles: ['customer'] };
  if (claims.action === 'approve') {
    return { type: 'ApproveRemediation', data: { incidentId, remediationId, by, approvedAt: at } };
  }
  return {
    type: 'RejectRemediation',
    data: { incidentId, remediationId, by, reason: 'rejected from the link in the approval request', rejectedAt: at },
  };
}
