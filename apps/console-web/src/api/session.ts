import { createContext, useContext } from 'react';
import type { Role, Session } from './types';

/** `null`: nobody is signed in (GET /auth/session answered 401). */
export async function fetchSession(): Promise<Session | null> {
  const response = await fetch('/auth/session', { headers: { accept: 'application/json' } });
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`the console could not say who is signed in (HTTP ${response.status})`);
  return (await response.json()) as Session;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside a signed-in page');
  return session;
}

/** The API decides in the end; the page only hides what the role would be refused (admin may do anything). */
export const mayRespond = (role: Role): boolean => role === 'responder' || role === 'admin';
export const mayAudit = (role: Role): boolean => role === 'auditor' || role === 'admin';
/** Staff see pages, SLA clocks, on call, metrics and reviews; a customer sees its own incidents and hours. */
export const isStaff = (role: Role): boolean => role !== 'customer';
export const mayApproveRemediation = (role: Role): boolean => role === 'customer' || role === 'admin';
