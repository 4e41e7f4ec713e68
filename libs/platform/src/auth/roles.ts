/**
 * What a person may do. `responder` works incidents, `auditor` reads, replays and verifies (read-only),
 * `admin` manages integrations and may do anything the others may. `customer` is someone outside the
 * operations team: it sees only its own customer's incidents and only where a route names it (see
 * satisfiesRoles), so a route written without customers in mind stays closed to them.
 */
export const ROLES = ['responder', 'admin', 'auditor', 'customer'] as const;
export type Role = (typeof ROLES)[number];

/** The operations team's roles: a route without @Roles() is open to any of these, and to no customer. */
export const STAFF_ROLES: readonly Role[] = ['responder', 'admin', 'auditor'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export interface Principal {
  readonly subject: string;
  readonly roles: readonly Role[];
  /** Present exactly when the roles are ['customer']: the customer whose incidents this caller may see. */
  readonly customerId?: string;
}

/**
 * Admin satisfies every role requirement; otherwise any one of the required roles is enough. A route without
 * requirements admits the staff roles only: a customer gets in only where `customer` is named explicitly.
 */
export function satisfiesRoles(principal: Principal, required: readonly Role[]): boolean {
  if (principal.roles.includes('admin')) return true;
  return admittedRoles(required).some((role) => principal.roles.includes(role));
}

/** The roles a route admits: those its @Roles() names, or the staff roles when it names none. */
export function admittedRoles(required: readonly Role[]): readonly Role[] {
  return required.length === 0 ? STAFF_ROLES : required;
}

/**
 * Why a set of roles and a customer id cannot go in one token, or undefined when they can. A customer token
 * carries only the customer role: mixed with a staff role, it would be unclear which incidents it may see.
 */
export function customerClaimProblem(roles: readonly Role[], customerId: string | undefined): string | undefined {
  const isCustomer = roles.includes('customer');
  if (isCustomer && roles.length > 1) return 'the customer role cannot be combined with another role';
  if (isCustomer && (customerId === undefined || customerId.trim() === '')) {
    return 'a customer token needs a customer id';
  }
  if (!isCustomer && customerId !== undefined) return 'only a customer token carries a customer id';
  return undefined;
}
