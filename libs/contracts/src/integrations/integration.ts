import { createHash, randomBytes } from 'node:crypto';
import type { AutoResolve, IncidentCategory } from '@incident/domain';

/** A publisher of alerts: one key per source, mapped to a customer, a service and a default category. */
export interface Integration {
  readonly id: string;
  readonly name: string;
  readonly source: string;
  /** `*` lets the payload name the customer (a multi-tenant monitoring system). */
  readonly customerId: string;
  readonly service: string;
  readonly defaultCategory: IncidentCategory;
  /** Labels whose values select the incident, like Alertmanager's `group_by`; empty: one incident per dedup key. */
  readonly groupBy: readonly string[];
  /** Whether the source's resolve resolves the incident: `always` (PagerDuty's behaviour), `unacknowledged`, `never`. */
  readonly autoResolve: AutoResolve;
  readonly keyPrefix: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** 128 random bits as 32 hex characters: the length PagerDuty routing keys have, so publishers accept it. */
export const generateIntegrationKey = (): string => randomBytes(16).toString('hex');

/** Only this digest is stored; the key is shown once, at creation. */
export const hashIntegrationKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');
