import type { CustomerScope } from '@incident/platform';
import type { DataSource } from 'typeorm';
import { RecentChange } from './recent-change.entity';

export interface RecentChangesFilter {
  readonly customerId?: string;
  readonly service?: string;
  readonly changeTypes?: readonly string[];
  /** Both inclusive, on the change's own time. */
  readonly from?: Date;
  readonly to?: Date;
}

/** Newest first; a customer's scope sees its own changes only. */
export function listRecentChanges(
  dataSource: DataSource,
  scope: CustomerScope,
  filter: RecentChangesFilter,
  limit: number,
): Promise<RecentChange[]> {
  const query = dataSource.getRepository(RecentChange).createQueryBuilder('c');
  if (scope.kind === 'customer') query.andWhere('c.customerId = :scopeCustomer', { scopeCustomer: scope.customerId });
  if (filter.customerId !== undefined) query.andWhere('c.customerId = :customerId', { customerId: filter.customerId });
  if (filter.service !== undefined) query.andWhere('c.service = :service', { service: filter.service });
  if (filter.changeTypes !== undefined) query.andWhere('c.changeType IN (:...types)', { types: filter.changeTypes });
  if (filter.from !== undefined) query.andWhere('c.occurredAt >= :from', { from: filter.from });
  if (filter.to !== undefined) query.andWhere('c.occurredAt <= :to', { to: filter.to });
  return query.orderBy('c.occurredAt', 'DESC').addOrderBy('c.changeId', 'ASC').limit(limit).getMany();
}
