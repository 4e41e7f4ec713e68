import { useEffect, useState } from 'react';

export type Route =
  | { readonly page: 'incidents' }
  | { readonly page: 'incident'; readonly id: string }
  | { readonly page: 'oncall' }
  | { readonly page: 'metrics' }
  | { readonly page: 'audit'; readonly id: string | null }
  | { readonly page: 'reviews'; readonly id: string | null }
  | { readonly page: 'not-found'; readonly path: string };

/**
 * Routes live in the hash (#/incidents/…): the console serves one index.html, and a reload or a shared link
 * never asks the server for a path it does not know.
 */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const [, first = '', second] = path.split('/');
  const id = second ? decodeURIComponent(second) : null;
  switch (first) {
    case '':
    case 'incidents':
      return id ? { page: 'incident', id } : { page: 'incidents' };
    case 'oncall':
      return { page: 'oncall' };
    case 'metrics':
      return { page: 'metrics' };
    case 'audit':
      return { page: 'audit', id };
    case 'reviews':
      return { page: 'reviews', id };
    default:
      return { page: 'not-found', path };
  }
}

export const hrefOf = {
  incidents: '#/incidents',
  incident: (id: string) => `#/incidents/${encodeURIComponent(id)}`,
  oncall: '#/oncall',
  metrics: '#/metrics',
  audit: (id?: string) => (id ? `#/audit/${encodeURIComponent(id)}` : '#/audit'),
  reviews: (id?: string) => (id ? `#/reviews/${encodeURIComponent(id)}` : '#/reviews'),
};

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const changed = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return route;
}
