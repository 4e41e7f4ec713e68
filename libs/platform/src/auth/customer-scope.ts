import type { Principal } from './roles';

/**
 * Which customers' records a caller may read: every customer for the operations team, one for a customer.
 * Read-model queries take it as a required argument, so a query cannot be written that forgets it.
 */
export type CustomerScope = { readonly kind: 'all' } | { readonly kind: 'customer'; readonly customerId: string };

/** The scope of staff code paths that act for nobody in particular (projections, CLIs, tests). */
export const ALL_CUSTOMERS: CustomerScope = { kind: 'all' };

/** The one derivation of a scope from a verified principal. */
export function scopeOf(principal: Principal): CustomerScope {
  if (!principal.roles.includes('customer')) return ALL_CUSTOMERS;
  // verifyToken refuses a customer token without a customer id; this guards principals built by hand.
  if (!principal.customerId) throw new Error(`principal ${principal.subject} has the customer role but no customer`);
  return { kind: 'customer', customerId: principal.customerId };
}

export function inScope(scope: CustomerScope, customerId: string): boolean {
  return scope.kind === 'all' || scope.customerId === customerId;
}

/**
 * A record the caller may not see. Answered 404 like a record that does not exist (by PlatformExceptionFilter),
 * never 403, so a customer cannot learn which ids belong to other customers.
 */
export class NotInScopeError extends Error {
  override name = 'NotInScopeError';
}

/**
 * For records loaded by id (an approval request, an incident): throws NotInScopeError, with the same message a
 * missing record would get, when the record belongs to a customer the caller may not see.
 */
export function assertCustomerScope(principal: Principal, customerId: string, notFoundMessage = 'not found'): void {
  if (!inScope(scopeOf(principal), customerId)) throw new NotInScopeError(notFoundMessage);
}
