import { hrefOf, parseRoute } from './router';

describe('parseRoute', () => {
  it('reads each page from the hash, the incident list by default', () => {
    expect(parseRoute('')).toEqual({ page: 'incidents' });
    expect(parseRoute('#/incidents/abc')).toEqual({ page: 'incident', id: 'abc' });
    expect(parseRoute('#/audit')).toEqual({ page: 'audit', id: null });
    expect(parseRoute('#/reviews/abc')).toEqual({ page: 'reviews', id: 'abc' });
    expect(parseRoute('#/nowhere')).toEqual({ page: 'not-found', path: '/nowhere' });
  });

  it('reads back what hrefOf writes', () => {
    expect(parseRoute(hrefOf.incident('a b'))).toEqual({ page: 'incident', id: 'a b' });
    expect(parseRoute(hrefOf.audit('x'))).toEqual({ page: 'audit', id: 'x' });
  });
});
