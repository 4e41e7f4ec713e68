import jwt from 'jsonwebtoken';
import { isRole, type Principal, type Role } from './roles';

export interface TokenSettings {
  readonly secret: string;
  readonly issuer: string;
}

export interface MintOptions {
  readonly subject: string;
  readonly roles: readonly Role[];
  /** Lifetime, in seconds or a vercel/ms string such as '12h'. */
  readonly expiresIn: number | `${number}${'s' | 'm' | 'h' | 'd'}`;
}

/** Why a bearer token was refused; the message is safe to return to the caller. */
export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

const ALGORITHM = 'HS256';

export function mintToken(settings: TokenSettings, options: MintOptions): string {
  if (options.subject.trim() === '') throw new InvalidTokenError('a token needs a subject');
  if (options.roles.length === 0) throw new InvalidTokenError('a token needs at least one role');
  return jwt.sign({ roles: options.roles }, settings.secret, {
    algorithm: ALGORITHM,
    issuer: settings.issuer,
    subject: options.subject,
    expiresIn: options.expiresIn,
  });
}

export function verifyToken(settings: TokenSettings, token: string): Principal {
  let payload: string | jwt.JwtPayload;
  try {
    // Pinning the algorithm stops a token signed with "none" or another algorithm from being accepted.
    payload = jwt.verify(token, settings.secret, { algorithms: [ALGORITHM], issuer: settings.issuer });
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw new InvalidTokenError('token has expired');
    throw new InvalidTokenError('token is not valid');
  }
  if (typeof payload === 'string' || typeof payload.sub !== 'string') {
    throw new InvalidTokenError('token has no subject');
  }
  const roles: unknown = payload['roles'];
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
    throw new InvalidTokenError('token carries no known role');
  }
  return { subject: payload.sub, roles };
}
