import type { MessageLink } from '../message';
import type { LinkTokenStore } from './link-token-store';
import type { LinkClaims, LinkRefusal, LinkSigner, LinkTokenRequest, LinkVerification } from './link-token';

export type LinkCheck =
  | { readonly ok: true; readonly claims: LinkClaims }
  | {
      readonly ok: false;
      readonly reason: LinkRefusal;
      /** A sentence for the page the person sees. */
      readonly message: string;
      /** Known unless the token is malformed or altered. */
      readonly claims?: LinkClaims;
      /** When `used`: when it was spent. */
      readonly usedAt?: Date;
    };

const LABELS = {
  acknowledge: 'Acknowledge',
  'ask-for-help': 'Ask for help',
  approve: 'Approve',
  reject: 'Reject',
} as const;

/**
 * Signed, expiring, single-use one-click links. `inspect` checks without spending (for a GET that shows a
 * confirmation page: mail scanners and link previews fetch GET links, and must not acknowledge a page);
 * `redeem` spends (for the POST that performs the action). Refusals say which of malformed, altered, expired
 * or used it was, in that order of checking.
 */
export class OneClickLinks {
  constructor(
    private readonly signer: LinkSigner,
    private readonly store: LinkTokenStore,
    /** Where the service that takes the links listens, e.g. `https://escalation.ops.example`. */
    private readonly baseUrl: string,
    /** The route taking the token as its last segment. */
    private readonly path = '/v1/links/',
  ) {}

  issue(request: LinkTokenRequest): { link: MessageLink; claims: LinkClaims } {
    const { token, claims } = this.signer.sign(request);
    const url = `${this.baseUrl.replace(/\/+$/, '')}${this.path}${encodeURIComponent(token)}`;
    return { link: { action: claims.action, label: LABELS[claims.action], url }, claims };
  }

  async inspect(token: string, now: Date): Promise<LinkCheck> {
    const verified = this.signer.verify(token, now);
    if (!verified.valid) return refused(verified);
    const usedAt = await this.store.usedAt(verified.claims.tokenId);
    return usedAt ? used(verified.claims, usedAt) : { ok: true, claims: verified.claims };
  }

  async redeem(token: string, now: Date, redeemedBy?: string): Promise<LinkCheck> {
    const verified = this.signer.verify(token, now);
    if (!verified.valid) return refused(verified);
    const spent = await this.store.spend(verified.claims, now, redeemedBy);
    return spent.first ? { ok: true, claims: verified.claims } : used(verified.claims, spent.usedAt);
  }
}

function used(claims: LinkClaims, usedAt: Date): LinkCheck {
  const message = `This link was already used at ${usedAt.toISOString()}; each link works once.`;
  return { ok: false, reason: 'used', message, claims, usedAt };
}

function refused(verified: Extract<LinkVerification, { valid: false }>): LinkCheck {
  const { reason, message, claims } = verified;
  return claims ? { ok: false, reason, message, claims } : { ok: false, reason, message };
}
