import { Controller, Get, Header, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { IllegalTransitionError, type IncidentCommand } from '@incident/domain';
import { IncidentCommandHandler, StreamNotFound } from '@incident/event-store';
import { type LinkCheck, type LinkClaims, OneClickLinks } from '@incident/notify';
import { Public } from '@incident/platform';
import { IncidentFacts } from '../incident-facts';
import { confirmationPage, donePage, type PageAction, refusedPage } from './link-pages';

/** Refusals a person can act on: a used or expired link is gone (410); an altered or truncated one is bad (400). */
const REFUSAL_STATUS = { used: 410, expired: 410, altered: 400, malformed: 400 } as const;

/**
 * The one-click links in pages. Public: the signed, expiring, single-use token is the credential, and it only
 * lets the person it was sent to acknowledge or ask for help with the incident it names. GET shows what the
 * link will do; POST spends the token and does it.
 */
@Public()
@Controller('v1/links')
export class LinksController {
  constructor(
    @Inject(OneClickLinks) private readonly links: OneClickLinks,
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
  ) {}

  @Get(':token')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async show(@Param('token') token: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const check = await this.links.inspect(token, new Date());
    const claims = this.usable(check, response);
    if (typeof claims === 'string') return claims;
    const incident = await this.incidents.of(claims.incidentId);
    const title = incident.status === 'initial' ? '' : incident.title;
    return confirmationPage(claims.action as PageAction, claims.incidentId, claims.person, title);
  }

  @Post(':token')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async act(@Param('token') token: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const now = new Date();
    const check = await this.links.redeem(token, now);
    const claims = this.usable(check, response);
    if (typeof claims === 'string') return claims;
    try {
      await this.commands.execute(await this.commandFor(claims, now.toISOString()), {
        actor: { kind: 'user', id: claims.person },
        correlationId: claims.tokenId,
        causationId: `link:${claims.tokenId}`,
      });
    } catch (error) {
      if (!(error instanceof IllegalTransitionError) && !(error instanceof StreamNotFound)) throw error;
      response.status(409);
      return refusedPage(`The incident could not be changed: ${error.message}`);
    }
    response.status(200);
    return donePage(claims.action as PageAction, claims.incidentId, claims.person);
  }

  /** The claims of a link that may be used for a page action, or the refusal page (with its status set). */
  private usable(check: LinkCheck, response: Response): LinkClaims | string {
    if (!check.ok) {
      response.status(REFUSAL_STATUS[check.reason]);
      return refusedPage(check.message);
    }
    if (check.claims.action !== 'acknowledge' && check.claims.action !== 'ask-for-help') {
      response.status(400);
      return refusedPage('This link is not for a page.');
    }
    return check.claims;
  }

  private async commandFor(claims: LinkClaims, at: string): Promise<IncidentCommand> {
    const { incidentId, person } = claims;
    if (claims.action === 'acknowledge') {
      return { type: 'AcknowledgeIncident', data: { incidentId, responderId: person, acknowledgedAt: at } };
    }
    const incident = await this.incidents.of(incidentId);
    const toLevel = (incident.status === 'initial' ? 1 : incident.escalationLevel) + 1;
    const note = 'asked for help from the link in a page';
    return {
      type: 'EscalateIncident',
      data: { incidentId, reason: 'asked_for_help', toLevel, requestedBy: person, note, escalatedAt: at },
    };
  }
}
