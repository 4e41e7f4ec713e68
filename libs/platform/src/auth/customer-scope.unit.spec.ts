import { errorResponse } from '../http/error-response';
import { ALL_CUSTOMERS, assertCustomerScope, inScope, NotInScopeError, scopeOf } from './customer-scope';
import type { Principal } from './roles';

const acme: Principal = { subject: 'ann', roles: ['customer'], customerId: 'acme' };

describe('customer scope', () => {
  it.each<Principal>([
    { subject: 'r', roles: ['responder'] },
    { subject: 'a', roles: ['auditor'] },
    { subject: 'x', roles: ['admin'] },
  ])('gives $roles every customer', (principal) => {
    expect(scopeOf(principal)).toEqual(ALL_CUSTOMERS);
  });

  it("keeps a customer to its own customer's records", () => {
    expect(scopeOf(acme)).toEqual({ kind: 'customer', customerId: 'acme' });
    expect(inScope(scopeOf(acme), 'acme')).toBe(true);
    expect(inScope(scopeOf(acme), 'globex')).toBe(false);
  });

  it('refuses a hand-built customer principal without a customer', () => {
    expect(() => scopeOf({ subject: 'ann', roles: ['customer'] })).toThrow(/no customer/);
  });

  it("lets a customer act on its own customer's record and staff on any", () => {
    expect(() => assertCustomerScope(acme, 'acme')).not.toThrow();
    expect(() => assertCustomerScope({ subject: 'r', roles: ['responder'] }, 'globex')).not.toThrow();
  });

  it("refuses another customer's record with the message a missing record gets", () => {
    expect(() => assertCustomerScope(acme, 'globex', 'no approval request 42')).toThrow(
      new NotInScopeError('no approval request 42'),
    );
  });

  it('is answered 404 over HTTP, like a record that does not exist', () => {
    expect(errorResponse(new NotInScopeError('no approval request 42'), 'c-1')).toEqual({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: 'no approval request 42', correlationId: 'c-1' },
      unexpected: false,
    });
  });
});
