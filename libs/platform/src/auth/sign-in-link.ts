import { createHmac, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { customerClaimProblem, isRole, type Role } from './roles';
import type { TokenSettings } from './tokens';

/** What a console sign-in link grants once: a session for this person in this role. */
export interface SignInLinkClaims {
  /** Unique per link: the console records it when the link is used, so it works once. */
  readonly linkId: string;
  readonly subject: string;
  readonly role: Role;
  /** Present exactly with the customer role. */
  readonly customerId?: string;
  readonly expiresAt: Date;
}

export interface SignInLinkOptions {
  readonly subject: string;
  readonly role: Role;
  readonly customerId?: string;
  readonly ttlSeconds: number;
}

/** Longer-lived links would be bearer credentials lying around in terminals and chat logs. */
export const SIGN_IN_LINK_MAX_TTL_SECONDS = 24 * 60 * 60;

export class InvalidSignInLinkError extends Error {
  override name = 'InvalidSignInLinkError';
  constructor(
    message: string,
    readonly expired = false,
  ) {
    super(message);
  }
}

const AUDIENCE = 'console-sign-in';
const CUSTOMER_CLAIM = 'customer';

/**
 * Links are signed with a key derived from AUTH_JWT_SECRET, not the secret itself: a link is then never accepted
 * as a bearer token by the services (its signature does not verify there), and a bearer token never as a link.
 */
function linkKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('incident-platform console sign-in link').digest();
}

/** The token of a one-time console sign-in link (`<console>/auth/link/<token>`). */
export function mintSignInLink(settings: TokenSettings, options: SignInLinkOptions): string {
  if (options.subject.trim() === '') throw new InvalidSignInLinkError('a sign-in link needs a subject');
  if (!Number.isInteger(options.ttlSeconds) || options.ttlSeconds < 1) {
    throw new InvalidSignInLinkError('a sign-in link needs a lifetime of at least a second');
  }
  if (options.ttlSeconds > SIGN_IN_LINK_MAX_TTL_SECONDS) {
    throw new InvalidSignInLinkError(`a sign-in link lives at most ${SIGN_IN_LINK_MAX_TTL_SECONDS / 3600} hours`);
  }
  const problem = customerClaimProblem([options.role], options.customerId);
  if (problem) throw new InvalidSignInLinkError(problem);
  const claims = {
    role: options.role,
    ...(options.customerId !== undefined && { [CUSTOMER_CLAIM]: options.customerId }),
  };
  return jwt.sign(claims, linkKey(settings.secret), {
    algorithm: 'HS256',
    issuer: settings.issuer,
    audience: AUDIENCE,
    subject: options.subject,
    jwtid: randomUUID(),
    expiresIn: options.ttlSeconds,
  });
}

/** The link's claims if its signature, issuer and lifetime hold; whether it was used already is the console's. */
export function readSignInLink(settings: TokenSettings, token: string, now = new Date()): SignInLinkClaims {
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, linkKey(settings.secret), {
      algorithms: ['HS256'],
      issuer: settings.issuer,
      audience: AUDIENCE,
      clockTimestamp: Math.floor(now.getTime() / 1000),
    });
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw new InvalidSignInLinkError('this sign-in link has expired', true);
    throw new InvalidSignInLinkError('this sign-in link is not valid');
  }
  if (typeof payload === 'string') throw new InvalidSignInLinkError('this sign-in link is not valid');
  const { sub, jti, exp } = payload;
  const role: unknown = payload['role'];
  const customer: unknown = payload[CUSTOMER_CLAIM];
  if (typeof sub !== 'string' || typeof jti !== 'string' || typeof exp !== 'number' || !isRole(role)) {
    throw new InvalidSignInLinkError('this sign-in link is not valid');
  }
  if (customer !== undefined && typeof customer !== 'string') {
    throw new InvalidSignInLinkError('this sign-in link is not valid');
  }
  if (customerClaimProblem([role], customer)) throw new InvalidSignInLinkError('this sign-in link is not valid');
  return {
    linkId: jti,
    subject: sub,
    role,
    ...(customer !== undefined && { customerId: customer }),
    expiresAt: new Date(exp * 1000),
  };
}
