import type { CustomerScope } from '@incident/platform';
import type { DataSource } from 'typeorm';
import { CustomerHours } from './customer-hours.entity';

export interface CustomerHoursFilter {
  readonly customerId?: string;
  /** Inclusive months, `YYYY-MM`. */
  readonly fromPeriod?: string;
  readonly toPeriod?: string;
  /** true: only periods over their budget; false: only those within it (or without a known budget). */
  readonly overrun?: boolean;
}

/** Newest period first, then by customer; a customer's scope sees its own rows only. */
export function listCustomerHours(
  dataSource: DataSource,
  scope: CustomerScope,
  filter: CustomerHoursFilter,
  limit: number,
): Promise<CustomerHours[]> {
  const query = dataSource.getRepository(CustomerHours).createQueryBuilder('h');
  if (scope.kind === 'customer')
    query.andWhere('h.customerId = :scopeCustomerId', { scopeCustomerId: scope.customerId });
  if (filter.customerId !== undefined) query.andWhere('h.customerId = :customerId', { customerId: filter.customerId });
  if (filter.fromPeriod !== undefined) query.andWhere('h.period >= :fromPeriod', { fromPeriod: filter.fromPeriod });
  if (filter.toPeriod !== undefined) query.andWhere('h.period <= :toPeriod', { toPeriod: filter.toPeriod });
  if (filter.overrun !== undefined) query.andWhere(filter.overrun ? 'h.overrunMinutes > 0' : 'h.overrunMinutes = 0');
  return query.orderBy('h.period', 'DESC').addOrderBy('h.customerId', 'ASC').limit(limit).getMany();
}

/** One customer's figures for one month; null when nothing was logged (the caller decides what that means). */
export function customerHoursOf(
  dataSource: DataSource,
  scope: CustomerScope,
  customerId: string,
  period: string,
): Promise<CustomerHours | null> {
  if (scope.kind === 'customer' && scope.customerId !== customerId) return Promise.resolve(null);
  return dataSource.getRepository(CustomerHours).findOneBy({ customerId, period });
}
