import type { DataSource } from 'typeorm';
import { SlaStatus } from './sla-status.entity';

/**
 * Running SLA clocks due at or before `now + withinMinutes`, soonest first (overdue ones too: their breach may
 * not be recorded yet). Drills are kept out of SLA figures.
 */
export async function slaClocksAtRisk(
  dataSource: DataSource,
  withinMinutes: number,
  now: Date,
  limit = 500,
): Promise<SlaStatus[]> {
  return dataSource
    .getRepository(SlaStatus)
    .createQueryBuilder('clock')
    .where("clock.state = 'running'")
    .andWhere('clock.drill = false')
    .andWhere('clock.due_at IS NOT NULL')
    .andWhere('clock.due_at <= :horizon', { horizon: new Date(now.getTime() + withinMinutes * 60_000) })
    .orderBy('clock.due_at', 'ASC')
    .limit(limit)
    .getMany();
}
