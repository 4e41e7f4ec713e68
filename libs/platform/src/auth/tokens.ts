import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { customerClaimProblem, isRole, type Principal, type Role } from './roles';

export interface TokenSettings {
  readonly secret: string;
  readonly issuer: string;
}

export interface MintOptions {
  readonly subject: string;
  readonly roles: readonly Role[];
  /** Required with the `customer` role (and only with it): whose incidents the token may see. */
  readonly customerId?: string;
  /** Lifetime, in seconds or a vercel/ms string such as '12h'. */
  readonly expiresIn: number | `${number}${'s' | 'm' | 'h' | 'd'}`;
}

/** Why a bearer token was refused; the message is safe to return to the caller. */
export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

const ALGORITHM = 'HS256';
const CUSTOMER_CLAIM = 'customer';

let lastKey: { readonly secret: string; readonly key: KeyObject } | undefined;

/**
 * The secret as a key object, made once per secret. Handed a string, jsonwebtoken first tries to read it as a PEM
 * key (public to verify, private to sign) and only then, after that throws, makes a secret key: a thrown and
 * caught error on every request.
 */
function secretKey(secret: string): KeyObject {
  if (lastKey?.secret !== secret) lastKey = { secret, key: createSecretKey(Buffer.from(secret)) };
  return lastKey.key;
}

export function mintToken(settings: TokenSettings, options: MintOptions): string {
  if (options.subject.trim() === '') throw new InvalidTokenError('a token needs a subject');
  if (options.roles.length === 0) throw new InvalidTokenError('a token needs at least one role');
  const problem = customerClaimProblem(options.roles, options.customerId);
  if (problem) throw new InvalidTokenError(problem);
  const claims = {
    roles: options.roles,
    ...(options.customerId !== undefined && { [CUSTOMER_CLAIM]: options.customerId }),
  };
  return jwt.sign(claims, secretKey(settings.secret), {
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
    payload = jwt.verify(token, secretKey(settings.secret), { algorithms: [ALGORITHM], issuer: settings.issuer });
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
  const customer: unknown = payload[CUSTOMER_CLAIM];
  if (customer !== undefined && typeof customer !== 'string') throw new InvalidTokenError('token has a bad customer');
  // Checked again here, not only at minting: a token signed elsewhere with the secret must not see every customer.
  const problem = customerClaimProblem(roles, customer);
  if (problem) throw new InvalidTokenError(`token refused: ${problem}`);
  return { subject: payload.sub, roles, ...(customer !== undefined && { customerId: customer }) };
}
