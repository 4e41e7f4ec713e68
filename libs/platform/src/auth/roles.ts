/**
 * What a person may do. `responder` works incidents, `auditor` reads, replays and verifies (read-only),
 * `admin` manages integrations and may do anything the others may.
 */
export const ROLES = ['responder', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export interface Principal {
  readonly subject: string;
  readonly roles: readonly Role[];
}

/** Admin satisfies every role requirement; otherwise any one of the required roles is enough. */
export function satisfiesRoles(principal: Principal, required: readonly Role[]): boolean {
  if (required.length === 0 || principal.roles.includes('admin')) return true;
  return required.some((role) => principal.roles.includes(role));
}
