import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { LINK_ACTIONS, type LinkAction } from '../message';

/** What a one-click link carries: who may do what to which incident, until when. */
export interface LinkClaims {
  /** Random, the token's identity: single use is enforced on it (LinkTokenStore). */
  readonly tokenId: string;
  readonly action: LinkAction;
  readonly incidentId: string;
  /** What the action is about: a page id for acknowledge / ask-for-help, a remediation (approval) id for approve / reject. */
  readonly subject: string;
  /** Who the link was sent to: a directory person id, or a customer contact's e-mail. */
  readonly person: string;
  readonly expiresAt: Date;
}

export type LinkTokenRequest = Omit<LinkClaims, 'tokenId'> & { readonly tokenId?: string };

export type LinkRefusal = 'malformed' | 'altered' | 'expired' | 'used';

export type LinkVerification =
  | { readonly valid: true; readonly claims: LinkClaims }
  | {
      readonly valid: false;
      readonly reason: Exclude<LinkRefusal, 'used'>;
      /** A sentence for the page the person sees. */
      readonly message: string;
      /** Present when expired: the signature held, so what the link was for can still be shown. */
      readonly claims?: LinkClaims;
    };

const VERSION = 'v1';
const MIN_SECRET_LENGTH = 32;

/** The signed part's wire form: short keys, since the token travels in a URL. */
interface WireClaims {
  jti: string;
  act: string;
  inc: string;
  sub: string;
  per: string;
  exp: number;
}

/**
 * Signs and verifies one-click link tokens: `v1.<base64url claims>.<base64url HMAC-SHA256>`. The first secret
 * signs; every secret verifies, so a secret can be rotated without breaking the links already sent. Expiry is
 * checked after the signature, so a token whose expiry was edited reads as altered, not as expired or valid.
 * Single use is not checked here (that needs the store): see OneClickLinks.
 */
export class LinkSigner {
  private readonly secrets: readonly string[];

  constructor(
    private readonly signingSecret: string,
    previousSecrets: readonly string[] = [],
  ) {
    this.secrets = [signingSecret, ...previousSecrets];
    if (this.secrets.some((candidate) => candidate.length < MIN_SECRET_LENGTH)) {
      throw new Error(`a link signing secret must be at least ${MIN_SECRET_LENGTH} characters long`);
    }
  }

  sign(request: LinkTokenRequest): { token: string; claims: LinkClaims } {
    const claims: LinkClaims = { ...request, tokenId: request.tokenId ?? randomUUID() };
    const wire: WireClaims = {
      jti: claims.tokenId,
      act: claims.action,
      inc: claims.incidentId,
      sub: claims.subject,
      per: claims.person,
      exp: claims.expiresAt.getTime(),
    };
    const body = Buffer.from(JSON.stringify(wire)).toString('base64url');
    return { token: `${VERSION}.${body}.${mac(this.signingSecret, body)}`, claims };
  }

  verify(token: string, now: Date): LinkVerification {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== VERSION || parts[1] === '' || parts[2] === '') {
      return refuse('malformed', 'This link is incomplete or not one of ours; copy the whole link from the message.');
    }
    const [, body = '', signature = ''] = parts;
    if (!this.secrets.some((secret) => sameMac(mac(secret, body), signature))) {
      return refuse('altered', 'This link has been altered (its signature does not match), so it was refused.');
    }
    const claims = parseClaims(body);
    if (!claims) return refuse('malformed', 'This link carries no valid claims.');
    if (now.getTime() >= claims.expiresAt.getTime()) {
      const message = `This link expired at ${claims.expiresAt.toISOString()}; use a newer message or the console.`;
      return { valid: false, reason: 'expired', message, claims };
    }
    return { valid: true, claims };
  }
}

function mac(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`${VERSION}.${body}`).digest('base64url');
}

function sameMac(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(reason: 'malformed' | 'altered', message: string): LinkVerification {
  return { valid: false, reason, message };
}

/** Only reached once the signature holds, so a failure here is our own bug or an old format, not tampering. */
function parseClaims(body: string): LinkClaims | undefined {
  let wire: unknown;
  try {
    wire = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isWireClaims(wire)) return undefined;
  return {
    tokenId: wire.jti,
    action: wire.act,
    incidentId: wire.inc,
    subject: wire.sub,
    person: wire.per,
    expiresAt: new Date(wire.exp),
  };
}

function isWireClaims(value: unknown): value is WireClaims & { act: LinkAction } {
  if (typeof value !== 'object' || value === null) return false;
  const wire = value as Record<string, unknown>;
  const texts = [wire['jti'], wire['inc'], wire['sub'], wire['per']];
  return (
    texts.every((text) => typeof text === 'string' && text !== '') &&
    (LINK_ACTIONS as readonly unknown[]).includes(wire['act']) &&
    typeof wire['exp'] === 'number' &&
    Number.isFinite(wire['exp'])
  );
}
