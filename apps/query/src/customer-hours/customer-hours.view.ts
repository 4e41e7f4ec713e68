import { ApiProperty } from '@nestjs/swagger';
import type { CustomerHours } from '@incident/read-models';

/** One customer's pre-approved hours for one month (read_models.customer_hours). Minutes throughout. */
export class CustomerHoursView {
  @ApiProperty({ example: 'acme' }) customerId!: string;
  @ApiProperty({ example: '2026-11', description: 'Calendar month, YYYY-MM.' }) period!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Pre-approved minutes; null when no budget is known.' })
  budgetMinutes!: number | null;
  @ApiProperty() usedMinutes!: number;
  @ApiProperty({ example: { corrective: 90, preventive: 0, investigation: 30 } })
  usedByKind!: { corrective: number; preventive: number; investigation: number };
  @ApiProperty({ type: Number, nullable: true, description: 'budget - used, never below 0; null without a budget.' })
  remainingMinutes!: number | null;
  @ApiProperty({ description: 'used - budget when over it, else 0.' }) overrunMinutes!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the period went over.' })
  exceededAt!: string | null;
  @ApiProperty({ description: 'Time entries logged in the period.' }) entries!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastLoggedAt!: string | null;

  static of(row: CustomerHours): CustomerHoursView {
    return {
      customerId: row.customerId,
      period: row.period,
      budgetMinutes: row.budgetMinutes,
      usedMinutes: row.usedMinutes,
      usedByKind: {
        corrective: row.correctiveMinutes,
        preventive: row.preventiveMinutes,
        investigation: row.investigationMinutes,
      },
      remainingMinutes: row.budgetMinutes === null ? null : Math.max(0, row.budgetMinutes - row.usedMinutes),
      overrunMinutes: row.overrunMinutes,
      exceededAt: row.exceededAt ? row.exceededAt.toISOString() : null,
      entries: row.entries,
      lastLoggedAt: row.lastLoggedAt.toISOString(),
    };
  }

  /** A month nothing was logged in: the budget the directory gives, nothing used. */
  static nothingLogged(customerId: string, period: string, budgetMinutes: number | null): CustomerHoursView {
    return {
      customerId,
      period,
      budgetMinutes,
      usedMinutes: 0,
      usedByKind: { corrective: 0, preventive: 0, investigation: 0 },
      remainingMinutes: budgetMinutes,
      overrunMinutes: 0,
      exceededAt: null,
      entries: 0,
      lastLoggedAt: null,
    };
  }
}

export class CustomerHoursListView {
  @ApiProperty({ type: [CustomerHoursView], description: 'Newest period first, then by customer.' })
  items!: CustomerHoursView[];
}
